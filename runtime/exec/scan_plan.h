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

struct ScanPlan {
  std::vector<std::vector<std::string>> fields;  // slot -> path steps
  std::vector<QueryPlan> queries;                // by query index
  tb_pack_kernel kernel = nullptr;
  uint32_t event_time_slot = 0;
  uint32_t event_id_slot = 0;
};

}  // namespace tb::runtime
