#pragma once
// What the runtime needs to run a compiled pack: the fields to extract (by slot), the kernel,
// and per query what to print. Built by the compiler driver; the runtime needs no compiler types.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/abi/kernel_abi.h"
#include "runtime/aggregate/query_shape.h"
#include "runtime/exec/partition_bounds.h"
#include "runtime/exec/prefilter.h"
#include "runtime/exec/record_evaluator.h"

namespace tb::runtime {

struct OutputColumn {
  std::string name;
  uint32_t slot = 0;
};

struct QueryPlan {
  uint32_t index = 0;  // bit of the kernel's match set
  std::string runbook;
  std::string title;
  std::string severity;
  std::string query;                  // "main" for a runbook's unnamed query
  std::vector<OutputColumn> columns;  // a finding's fields, when the query streams
  // Set when the query groups, orders or limits: its matches feed a query operator and the
  // output is rows at the end of the scan instead of one finding per record.
  std::optional<aggregate::QueryShape> shape;
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
  EvaluatorFactory make_evaluator;  // empty: the kernel (scan --engine=interp sets one)
  // Skips, from their raw bytes, the queries whose required literals a record lacks, and the
  // whole record when that is every query; null when no query requires a literal (or with
  // --no-prefilter). Used by the kernel evaluator.
  std::shared_ptr<const Prefilter> prefilter;
  // When some query requires no literal, every record must be parsed, and the prefilter can only
  // skip the other queries (kernel_abi.h: candidates). That pays only where few records hold any
  // query's literal; on the shipped library it costs ~10% (docs/performance.md), so it is off
  // unless asked for (scan --prefilter-per-query).
  bool prefilter_per_query = false;
  // By slot: read by a query that requires no literal, or by every finding (eventID, eventTime,
  // context). A record that only those queries may match is parsed for these slots only. Empty
  // when every query requires a literal.
  std::vector<bool> base_slots;
  // --validate: every record is parsed whole first, so that damage anywhere in it is reported
  // (by default only what the pack reads is validated, and prefiltered records only framed).
  bool validate = false;
  // By query: what every record it matches satisfies. A file of the S3 layout that every
  // query's bounds exclude is not opened. Empty (--no-partition-pruning): every file is read.
  std::vector<PartitionBounds> partition_bounds;
  uint32_t event_time_slot = 0;
  uint32_t event_id_slot = 0;
  // For reports (trailbook run): fields every match also carries to the FindingSink besides
  // the selected ones (who, from where), and whether matches of queries that group, order or
  // limit are passed on as they happen (FindingSink::row_match). Empty and off for scan.
  std::vector<OutputColumn> context;
  bool row_matches = false;
};

}  // namespace tb::runtime
