#include "runtime/output/markdown_table.h"

#include <algorithm>

#include <fmt/format.h>

#include "runtime/output/display_text.h"
#include "runtime/output/value_format.h"

namespace tb::runtime {

namespace {

// '|' ends a cell even inside a code span; GitHub's tables take "\|" as the character.
std::string escape_pipes(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

// A code span around `text`: a fence longer than any run of backticks in it, and spaces inside
// the fence when it starts or ends with one (CommonMark strips one space each side).
std::string code_span(std::string_view text) {
  size_t longest = 0, run = 0;
  for (const char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  const bool pad = text.front() == '`' || text.back() == '`';
  const std::string space = pad ? " " : "";
  return fence + space + std::string(text) + space + fence;
}

// For a slot's value and a row's owned value alike.
template <typename Value>
std::string value_cell(const Value& v) {
  switch (v.kind) {
    case TB_MISSING:
      return {};
    case TB_STRING:
    case TB_OBJECT:
    case TB_ARRAY:
      return markdown_text_cell(text_value(v));
    default:
      return text_value(v);
  }
}

}  // namespace

std::string markdown_text_cell(std::string_view text) {
  if (text.empty()) return {};
  const std::string cut = cut_to_code_points(text, kMarkdownCellCodePoints);
  return escape_pipes(code_span(escape_control_characters(cut)));
}

std::string markdown_cell(const tb_value& v) {
  return value_cell(v);
}

std::string markdown_cell(const aggregate::Value& v) {
  return value_cell(v);
}

std::string markdown_plain(std::string_view text) {
  std::string one_line(text);
  std::replace(one_line.begin(), one_line.end(), '\n', ' ');
  std::replace(one_line.begin(), one_line.end(), '\r', ' ');
  return escape_pipes(one_line);
}

std::string markdown_table(const std::vector<std::string>& header,
                           const std::vector<std::vector<std::string>>& rows,
                           const std::vector<bool>& numeric) {
  std::vector<size_t> width(header.size(), 3);  // "---" is the narrowest delimiter
  auto widen = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size() && i < width.size(); ++i) {
      width[i] = std::max(width[i], code_points(cells[i]));
    }
  };
  widen(header);
  for (const auto& row : rows) widen(row);
  const auto is_numeric = [&](size_t i) { return i < numeric.size() && numeric[i]; };
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    out += '|';
    for (size_t i = 0; i < width.size(); ++i) {
      const std::string cell = i < cells.size() ? cells[i] : std::string();
      const std::string pad(width[i] - code_points(cell), ' ');
      out += ' ';
      out += is_numeric(i) ? pad + cell : cell + pad;
      out += " |";
    }
    out += '\n';
  };
  line(header);
  out += '|';
  for (size_t i = 0; i < width.size(); ++i) {
    out += is_numeric(i) ? std::string(width[i] + 1, '-') + ":|"
                         : std::string(width[i] + 2, '-') + '|';
  }
  out += '\n';
  for (const auto& row : rows) line(row);
  return out;
}

}  // namespace tb::runtime
