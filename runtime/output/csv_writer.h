#pragma once
// Findings as CSV (RFC 4180: fields with a comma, quote, CR or LF in double quotes, quotes
// doubled, CRLF line ends) for spreadsheets. One header row, then a row per finding and per
// result row. Queries have different columns, so the layout is one table for them all: the
// leading columns runbook, query, severity, file, record, eventTime, eventID, then one column
// per distinct output column name of the pack, in query order. Each row fills its query's
// columns and leaves the rest empty, so one query's findings read as a table of their own.
// A selected eventTime or eventID is the leading column of that name; an output column named
// like another leading column is headed fields.NAME. Result rows (group by, order by, limit)
// have no file, record, eventTime or eventID. Missing values are empty, JSON null is null,
// objects and arrays are JSON text.
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "runtime/exec/scanner.h"

namespace tb::runtime {

// The header is written when the writer is made, so that output without findings is still a
// CSV file with its columns.
std::unique_ptr<FindingSink> make_csv_writer(const ScanPlan& plan, std::FILE* out);

// `text` as one CSV field: quoted when it holds a comma, a double quote, CR or LF.
std::string csv_field(std::string_view text);

}  // namespace tb::runtime
