// tb-gen: a deterministic generator of realistic AWS CloudTrail records.
//
// Traffic is simulated per (account, region) stream over 5-minute delivery windows: routine
// Describe/List/Get traffic with business-hour peaks and idle periods, plus about 3% of
// security-relevant events (IAM changes, console logins, CloudTrail tampering, ...). Output is
// either CloudTrail's S3 delivery layout (gzip files) or one JSON Lines file for benchmarks.
// The same arguments always produce byte-identical output.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bench/gen/event_templates.h"
#include "bench/gen/rng.h"
#include "bench/gen/text.h"
#include "bench/gen/world.h"
#include "bench/gen/writers.h"

namespace tbgen {
namespace {

constexpr int64_t kWindow = 300;  // CloudTrail delivers about every five minutes

constexpr const char* kUsage =
    "usage: tb-gen --out DIR [--records N | --bytes SIZE] [--format s3|jsonl] [--seed S]\n"
    "              [--accounts N] [--regions N] [--start YYYY-MM-DD] [--days N]\n"
    "              [--records-per-file N]\n"
    "\n"
    "Generates synthetic, deterministic AWS CloudTrail records.\n"
    "  --out DIR             output directory (created if missing)\n"
    "  --records N           number of records (default 10000)\n"
    "  --bytes SIZE          approximate uncompressed JSON size instead, e.g. 200M, 1G\n"
    "  --format s3|jsonl     s3 (default): DIR/AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/\n"
    "                        *.json.gz delivery files; jsonl: DIR/cloudtrail.jsonl\n"
    "  --seed S              random seed (default 1)\n"
    "  --accounts N          number of AWS accounts, 1-64 (default 1)\n"
    "  --regions N           number of regions, 1-17, starting with us-east-1 (default 1)\n"
    "  --start YYYY-MM-DD    first day, UTC (default 2026-11-01)\n"
    "  --days N              number of days, 1-366 (default 1)\n"
    "  --records-per-file N  most records in one delivery file, 1-400 (default 400)\n";

struct Options {
  std::string out;
  uint64_t records = 0;
  uint64_t bytes = 0;
  bool jsonl = false;
  uint64_t seed = 1;
  int accounts = 1;
  int regions = 1;
  int64_t start = 0;
  int days = 1;
  int per_file = 400;
};

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "tb-gen: %s\n\n%s", message.c_str(), kUsage);
  std::exit(2);
}

uint64_t parse_uint(std::string_view flag, std::string_view s) {
  if (s.empty()) usage_error(std::string(flag) + " needs a number");
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') usage_error(std::string(flag) + ": not a number: " + std::string(s));
    if (v > (UINT64_MAX - 9) / 10) usage_error(std::string(flag) + ": too large");
    v = v * 10 + uint64_t(c - '0');
  }
  return v;
}

int parse_int_in(std::string_view flag, std::string_view s, int lo, int hi) {
  const uint64_t v = parse_uint(flag, s);
  if (v < uint64_t(lo) || v > uint64_t(hi)) {
    usage_error(std::string(flag) + " must be between " + std::to_string(lo) + " and " +
                std::to_string(hi));
  }
  return int(v);
}

// "200M", "1G", "512K", "1000" (bytes); binary multiples.
uint64_t parse_size(std::string_view s) {
  if (s.empty()) usage_error("--bytes needs a size");
  uint64_t mult = 1;
  const char last = s.back();
  if (last == 'K' || last == 'k') mult = 1ULL << 10;
  if (last == 'M' || last == 'm') mult = 1ULL << 20;
  if (last == 'G' || last == 'g') mult = 1ULL << 30;
  if (last == 'T' || last == 't') mult = 1ULL << 40;
  if (mult != 1) s.remove_suffix(1);
  if (!s.empty() && (s.back() == 'B' || s.back() == 'b') && mult == 1) s.remove_suffix(1);
  const uint64_t v = parse_uint("--bytes", s);
  if (v == 0) usage_error("--bytes must be positive");
  return v * mult;
}

int64_t parse_date(std::string_view s) {
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') usage_error("--start: expected YYYY-MM-DD");
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') usage_error("--start: expected YYYY-MM-DD");
  const int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (y < 1970 || m < 1 || m > 12 || d < 1 || d > 31) usage_error("--start: invalid date");
  return days_from_civil(y, m, d) * 86400;
}

Options parse_args(int argc, char** argv) {
  Options o;
  o.start = days_from_civil(2026, 11, 1) * 86400;
  bool have_records = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "-h" || flag == "--help") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    }
    if (i + 1 >= argc) usage_error("missing value for " + std::string(flag));
    const std::string_view v = argv[++i];
    if (flag == "--out") {
      o.out = std::string(v);
    } else if (flag == "--records") {
      o.records = parse_uint(flag, v);
      have_records = true;
    } else if (flag == "--bytes") {
      o.bytes = parse_size(v);
    } else if (flag == "--format") {
      if (v == "jsonl") {
        o.jsonl = true;
      } else if (v != "s3") {
        usage_error("--format must be s3 or jsonl");
      }
    } else if (flag == "--seed") {
      o.seed = parse_uint(flag, v);
    } else if (flag == "--accounts") {
      o.accounts = parse_int_in(flag, v, 1, 64);
    } else if (flag == "--regions") {
      o.regions = parse_int_in(flag, v, 1, int(known_regions().size()));
    } else if (flag == "--start") {
      o.start = parse_date(v);
    } else if (flag == "--days") {
      o.days = parse_int_in(flag, v, 1, 366);
    } else if (flag == "--records-per-file") {
      o.per_file = parse_int_in(flag, v, 1, 400);
    } else {
      usage_error("unknown option " + std::string(flag));
    }
  }
  if (o.out.empty()) usage_error("--out is required");
  if (have_records && o.bytes != 0) usage_error("give --records or --bytes, not both");
  if (!have_records && o.bytes == 0) o.records = 10000;
  if (have_records && o.records == 0) usage_error("--records must be positive");
  return o;
}

// Relative activity by local hour: quiet nights, busy business hours.
constexpr double kHourly[24] = {0.18, 0.15, 0.14, 0.14, 0.15, 0.20, 0.30, 0.45,
                                0.70, 0.90, 1.00, 1.00, 0.95, 0.98, 1.00, 0.97,
                                0.90, 0.75, 0.55, 0.42, 0.35, 0.30, 0.25, 0.20};

double activity(int64_t t, int utc_offset_hours) {
  const Civil c = civil_from_epoch(t + int64_t(utc_offset_hours) * 3600);
  const bool weekend = c.weekday == 0 || c.weekday == 6;
  return kHourly[c.hour] * (weekend ? 0.45 : 1.0);
}

// Splits total into parts proportional to weights, rounding cumulatively so the sum is exact.
std::vector<uint64_t> apportion(uint64_t total, const std::vector<double>& weights) {
  double sum = 0;
  for (double x : weights) sum += x;
  std::vector<uint64_t> out(weights.size(), 0);
  if (sum <= 0) return out;
  double cum = 0;
  uint64_t prev = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    cum += weights[i];
    const uint64_t upto =
        i + 1 == weights.size() ? total : uint64_t(double(total) * (cum / sum) + 0.5);
    out[i] = upto > prev ? upto - prev : 0;
    prev = std::max(prev, upto);
  }
  return out;
}

// Records per delivery window for one stream. Busy streams are active in every window; quiet ones
// are bursty (most windows empty, the active ones holding about a dozen records), like real trails.
std::vector<uint32_t> schedule(uint64_t n, int64_t start, int windows, int utc_offset,
                               uint64_t salt) {
  const double per_window = double(n) / double(windows);
  const double p_active = std::min(1.0, per_window / 12.0);
  double mean_activity = 0;
  for (int h = 0; h < 24; ++h) mean_activity += kHourly[h];
  mean_activity /= 24.0;
  std::vector<double> weights(size_t(windows), 0.0);
  bool any = false;
  for (int i = 0; i < windows; ++i) {
    const uint64_t h = mix(salt, uint64_t(i));
    const double u1 = double(h >> 11) * 0x1.0p-53;
    const double u2 = double((h * 0x9E3779B97F4A7C15ULL) >> 11) * 0x1.0p-53;
    const double f = activity(start + int64_t(i) * kWindow, utc_offset);
    if (u1 >= std::min(1.0, p_active * f / mean_activity)) continue;
    // Occasional spikes: deployments, Terraform plans, batch jobs.
    const double spike = (h & 0x3F) == 0 ? 4.0 : 1.0;
    weights[size_t(i)] = f * (0.5 + u2) * spike;
    any = true;
  }
  if (!any) weights[size_t(mix(salt, 0xFFFF) % uint64_t(windows))] = 1.0;
  const std::vector<uint64_t> counts = apportion(n, weights);
  return std::vector<uint32_t>(counts.begin(), counts.end());
}

struct StreamPlan {
  Stream stream;
  std::vector<uint32_t> counts;
  uint64_t remaining = 0;
  uint64_t debt = 0;  // records emitted ahead of schedule by bursts
};

double stream_weight(const World& world, int account, int region) {
  const double regional = region == 0 ? 1.0 : 0.55 / (1.0 + 0.25 * double(region - 1));
  return world.accounts[size_t(account)].weight * regional;
}

// Generates the records of one stream's window into batch, returns their delivery order:
// sorted by time, then lightly shuffled (real trails are not strictly sorted).
void fill_window(EventGen& gen, StreamPlan& plan, int64_t start, int64_t wstart, uint32_t n,
                 Batch& batch, std::vector<uint32_t>& order) {
  batch.clear();
  Rng& rng = plan.stream.rng;
  uint32_t done = 0;
  while (done < n && plan.remaining > 0) {
    int64_t t = wstart + int64_t(rng.below(uint32_t(kWindow)));
    if (rng.chance(0.03)) t -= rng.range(30, 600);  // late arrivals
    if (t < start) t = start;
    const int budget = int(std::min<uint64_t>(plan.remaining, 1u << 20));
    const int got = gen.generate(plan.stream, t, budget, batch);
    done += uint32_t(got);
    plan.remaining -= uint64_t(got);
  }
  if (done > n) plan.debt += done - n;
  order.resize(batch.items.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    return batch.items[x].time < batch.items[y].time;
  });
  for (size_t i = 0; i + 1 < order.size(); ++i) {
    if (rng.chance(0.12)) {
      std::swap(order[i], order[i + 1]);
    } else if (rng.chance(0.02)) {
      std::swap(order[i], order[std::min(order.size() - 1, i + 2 + rng.below(5))]);
    }
  }
}

// Average record size, measured on a throwaway generator, to turn --bytes into a record count.
double estimate_record_size(const World& world, uint64_t seed) {
  EventGen gen(world, mix(seed, 0x657374ULL));
  std::vector<Stream> streams;
  for (size_t a = 0; a < world.accounts.size(); ++a) {
    for (size_t r = 0; r < world.regions.size(); ++r) {
      Stream s;
      s.account = int(a);
      s.region = int(r);
      s.rng.reseed(mix(seed ^ 0x657374ULL, a * 131 + r));
      streams.push_back(s);
    }
  }
  Batch batch;
  uint64_t records = 0;
  const int64_t t = days_from_civil(2026, 11, 2) * 86400 + 12 * 3600;
  while (records < 6000) {
    for (Stream& s : streams) records += uint64_t(gen.generate(s, t, 64, batch));
  }
  return double(batch.data.size()) / double(records);
}

int run(const Options& opt) {
  const auto t0 = std::chrono::steady_clock::now();
  const World world(opt.seed, opt.accounts, opt.regions);
  const int windows = opt.days * int(86400 / kWindow);

  uint64_t total = opt.records;
  if (opt.bytes != 0) {
    const double avg = estimate_record_size(world, opt.seed);
    total = uint64_t(double(opt.bytes) / avg);
    // JSONL stops exactly at the size; plan a little more so the size is reached.
    if (opt.jsonl) total = total + total / 20 + 100;
    if (total == 0) total = 1;
  }

  std::vector<StreamPlan> plans;
  std::vector<double> weights;
  for (int a = 0; a < opt.accounts; ++a) {
    for (int r = 0; r < opt.regions; ++r) {
      StreamPlan p;
      p.stream.account = a;
      p.stream.region = r;
      p.stream.rng.reseed(mix(opt.seed, uint64_t(a) * 1000 + uint64_t(r) + 1));
      plans.push_back(std::move(p));
      weights.push_back(stream_weight(world, a, r));
    }
  }
  const std::vector<uint64_t> per_stream = apportion(total, weights);
  for (size_t i = 0; i < plans.size(); ++i) {
    StreamPlan& p = plans[i];
    p.remaining = per_stream[i];
    const Account& acct = world.accounts[size_t(p.stream.account)];
    p.counts = schedule(per_stream[i], opt.start, windows, acct.utc_offset_hours,
                        mix(opt.seed ^ 0x7363686564ULL, i));
  }

  EventGen gen(world, opt.seed);
  Batch batch;
  batch.data.reserve(4u << 20);
  std::vector<uint32_t> order;
  std::unique_ptr<S3Writer> s3;
  std::unique_ptr<JsonlWriter> jsonl;
  if (opt.jsonl) {
    jsonl = std::make_unique<JsonlWriter>(opt.out, opt.bytes);
  } else {
    s3 = std::make_unique<S3Writer>(opt.out, opt.per_file);
  }

  for (int wi = 0; wi < windows; ++wi) {
    const int64_t wstart = opt.start + int64_t(wi) * kWindow;
    for (StreamPlan& p : plans) {
      uint32_t n = p.counts[size_t(wi)];
      const uint64_t absorbed = std::min<uint64_t>(p.debt, n);
      n -= uint32_t(absorbed);
      p.debt -= absorbed;
      if (n == 0 || p.remaining == 0) continue;
      fill_window(gen, p, opt.start, wstart, n, batch, order);
      if (jsonl) {
        jsonl->write(batch, order);
      } else {
        // Delivered after the window closes, and never before its last event (bursts can run on).
        int64_t delivery = wstart + kWindow;
        for (const Batch::Item& it : batch.items) {
          if (it.time >= delivery) delivery = (it.time / kWindow + 1) * kWindow;
        }
        const Account& acct = world.accounts[size_t(p.stream.account)];
        s3->write(acct.id, world.regions[size_t(p.stream.region)], delivery, batch, order,
                  p.stream.rng);
      }
    }
    if (jsonl && jsonl->full()) break;
  }
  if (jsonl) jsonl->close();

  const WriterStats& ws = jsonl ? jsonl->stats() : s3->stats();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const GenStats& gs = gen.stats();
  std::fprintf(stderr,
               "tb-gen: %llu records (%.2f%% security-relevant), %llu file(s), %.1f MB JSON "
               "(%.0f bytes/record), %.1f MB written, %.2f s, %.0f MB/s JSON\n",
               static_cast<unsigned long long>(ws.records),
               gs.records ? 100.0 * double(gs.security_records) / double(gs.records) : 0.0,
               static_cast<unsigned long long>(ws.files), double(ws.json_bytes) / 1e6,
               ws.records ? double(ws.json_bytes) / double(ws.records) : 0.0,
               double(ws.output_bytes) / 1e6, secs, double(ws.json_bytes) / 1e6 / secs);
  return 0;
}

}  // namespace
}  // namespace tbgen

int main(int argc, char** argv) {
  try {
    return tbgen::run(tbgen::parse_args(argc, argv));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tb-gen: %s\n", e.what());
    return 1;
  }
}
