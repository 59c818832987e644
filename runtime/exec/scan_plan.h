#pragma once
// What the runtime needs to run a compiled pack: the fields to extract (by slot), the kernel,
// and per query what to print. Built by the compiler driver; the runtime needs no compiler types.
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/abi/kernel_abi.h"

namespace tb::runtime {

struct OutputColumn {
  std::string name;
  uint32_t slot = 0;
};

struct QueryPlan {
  std::string runbook;
  std::string title;
  std::string severity;
  std::string query;  // "main" for a runbook's unnamed query
  std::vector<OutputColumn> columns;
};

// A field the pack reads, by slot. An element slot holds, per element of the array at `steps`,
// the `element_fields` that any/all read (kernel_abi.h).
struct FieldSpec {
  std::vector<std::string> steps;
  bool elements = false;
  std::vector<std::vector<std::string>> element_fields;
};

struct ScanPlan {
  std::vector<FieldSpec> fields;     // by slot
  std::vector<const void*> objects;  // the pack's regexes, CIDR sets and instants
  std::vector<QueryPlan> queries;    // by query index
  tb_pack_kernel kernel = nullptr;
  uint32_t event_time_slot = 0;
  uint32_t event_id_slot = 0;
};

}  // namespace tb::runtime
