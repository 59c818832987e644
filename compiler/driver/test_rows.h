#pragma once
// The rows a test expects (`expect q rows [{"col": value, ...}, ...]`) and how they compare with
// the rows a query produced: in order, cell by cell, a key left out meaning a missing value.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/aggregate/query_operator.h"

namespace tb::driver {

using runtime::aggregate::Row;

// Reads a JSON array of objects into rows of `header`'s columns. Returns nullopt, with `error`
// set, on bad JSON, a row that is not an object, or a key that is not a column.
std::optional<std::vector<Row>> parse_expected_rows(std::string_view json,
                                                    const std::vector<std::string>& header,
                                                    std::string& error);

// Equal row for row: values as in semantics R4 (1 == 1.0), missing only equal to missing, null
// to null, objects and arrays by their JSON with whitespace removed.
bool rows_equal(const std::vector<Row>& a, const std::vector<Row>& b);

// The rows as the JSON a test would write, for messages.
std::string rows_json(const std::vector<Row>& rows, const std::vector<std::string>& header);

}  // namespace tb::driver
