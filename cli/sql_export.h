#pragma once
// `trailbook explain --sql`: each query's `where` as a DuckDB condition over the record as JSON,
// for comparing trailbook with DuckDB on the same predicates (bench/compare). The condition
// follows docs/language.md where SQL can: it is two-valued (every test is wrapped so that SQL's
// NULL never leaks into NOT), type-strict (json_type checks), keeps missing (json_type is SQL
// NULL) apart from JSON null (json_type 'NULL'), and spells the negated forms as "has a value
// and the positive form is false" (R3). A query that SQL cannot express exactly is reported as
// not translatable, with the reason, and left out.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/check/checked.h"
#include "compiler/source/source_file.h"

namespace tb::cli {

struct SqlQuery {
  std::string name;                  // `runbook` for a main query, else `runbook.query`
  uint32_t index = 0;                // the query's index in the pack
  std::optional<std::string> where;  // a DuckDB boolean expression (see SqlFrom)
  std::string why_not;               // when `where` is empty: what SQL cannot say
};

// Where the conditions read the record from.
enum class SqlFrom {
  Record,   // `rec`, the whole record as JSON (read_ndjson_objects): exact, slow in DuckDB
  Columns,  // one JSON column per top-level field (read_ndjson with columns={NAME: 'JSON'}),
            // parsed once per record by DuckDB's reader; it gives SQL NULL for a JSON null, so
            // a test that tells a top-level null from missing is not translatable this way
};

struct SqlExport {
  SqlFrom from = SqlFrom::Record;
  std::vector<SqlQuery> queries;
  std::set<std::string> columns;  // Columns: the top-level fields the conditions read
};

// One entry per query, in pack order. `sources` gives the text of CIDR arguments, which the
// checked pack keeps only in compiled form.
SqlExport export_sql(const check::CheckedPack& pack, const SourceManager& sources, SqlFrom from);

// The queries as text: a comment header (with the columns, for SqlFrom::Columns), then
// `NAME<TAB>CONDITION` per translated query and `NAME<TAB>-- not translatable: WHY` per other.
std::string print_sql(const SqlExport& sql);

}  // namespace tb::cli
