// Templates for CloudTrail records: routine API traffic and security-relevant events/scenarios.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bench/gen/rng.h"
#include "bench/gen/world.h"

namespace tbgen {

// Records produced for one stream and delivery window, stored back to back in data.
struct Batch {
  struct Item {
    uint32_t offset;
    uint32_t length;
    int64_t time;
  };
  std::string data;
  std::vector<Item> items;
  void clear() {
    data.clear();
    items.clear();
  }
};

// Generator state of one (account, region) pair; it has its own random stream.
struct Stream {
  int account = 0;
  int region = 0;
  Rng rng;
};

struct GenStats {
  uint64_t records = 0;
  uint64_t security_records = 0;
};

class EventGen {
 public:
  // security_share: target fraction of security-relevant records (default 3%).
  EventGen(const World& world, uint64_t seed, double security_share = 0.03);
  ~EventGen();
  EventGen(const EventGen&) = delete;
  EventGen& operator=(const EventGen&) = delete;

  // Appends one routine record, or one security event or scenario (several records close together
  // in time), to out. Emits at least 1 and at most budget records; returns how many.
  int generate(Stream& stream, int64_t time, int budget, Batch& out);
  const GenStats& stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tbgen
