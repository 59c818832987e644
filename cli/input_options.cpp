#include "cli/input_options.h"

#include <cctype>
#include <charconv>
#include <string_view>

namespace tb::cli {
namespace {

// The shift for a unit: B, K, M, G, T, each also written KiB, MiB...; none means MiB.
std::optional<int> unit_shift(std::string_view unit) {
  if (unit.empty()) return 20;
  if (unit == "B" || unit == "b") return 0;
  if (unit.size() == 3 && unit.substr(1) != "iB") return std::nullopt;
  if (unit.size() != 1 && unit.size() != 3) return std::nullopt;
  switch (std::toupper(static_cast<unsigned char>(unit[0]))) {
    case 'K':
      return 10;
    case 'M':
      return 20;
    case 'G':
      return 30;
    case 'T':
      return 40;
    default:
      return std::nullopt;
  }
}

CLI::Validator size_validator() {
  return CLI::Validator(
      [](const std::string& text) {
        return parse_size(text)
                   ? std::string()
                   : "not a size: '" + text + "' (e.g. 512K, 64M, 16G; a number is MiB)";
      },
      "SIZE");
}

}  // namespace

std::optional<uint64_t> parse_size(const std::string& text) {
  uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [rest, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || rest == text.data() || value == 0) return std::nullopt;
  const std::optional<int> shift = unit_shift(std::string_view(rest, end - rest));
  if (!shift || value > (UINT64_MAX >> *shift)) return std::nullopt;
  return value << *shift;
}

void add_input_options(CLI::App& command, ScanArgs& args) {
  command
      .add_option("--max-decompressed-size", args.max_decompressed_size,
                  "Stop decompressing a gzip or zstd file past SIZE (default 16G): a bomb guard; "
                  "the file is then incomplete")
      ->check(size_validator());
  command
      .add_option("--max-record-size", args.max_record_size,
                  "Skip records longer than SIZE unparsed (default 16M)")
      ->check(size_validator());
  auto* strict = command.add_flag(
      "--strict", args.strict,
      "Stop at the first input problem (exit 3); scans on one thread so nothing after it is read");
  command
      .add_flag("--allow-partial", args.allow_partial,
                "Exit 0, not 3, when input was skipped (the summary still says what)")
      ->excludes(strict);
}

}  // namespace tb::cli
