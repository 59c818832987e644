#include "cli/junit_report.h"

#include <fmt/format.h>

namespace tb::cli {

namespace {

std::string xml_escape(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        // XML 1.0 has no other control characters than tab and line breaks.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace

std::string junit_xml(const std::vector<driver::FileTestResult>& files) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"trailbook\">\n";
  for (const driver::FileTestResult& f : files) {
    size_t failures = 0;
    for (const auto& t : f.tests) failures += t.passed() ? 0 : 1;
    const size_t errors = f.compile_failed ? 1 : 0;
    out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
                       xml_escape(f.file), f.tests.size() + errors, failures, errors);
    if (f.compile_failed) {
      out += fmt::format(
          "    <testcase classname=\"{0}\" name=\"compile\">\n"
          "      <error message=\"the runbook file does not compile\">{1}</error>\n"
          "    </testcase>\n",
          xml_escape(f.file), xml_escape(f.jit_error));
    }
    for (const driver::TestOutcome& t : f.tests) {
      out += fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\"",
                         xml_escape(t.runbook), xml_escape(t.test), xml_escape(t.file), t.line);
      if (t.passed()) {
        out += "/>\n";
        continue;
      }
      std::string text;
      for (const std::string& why : t.failures) text += why + "\n";
      out += fmt::format(">\n      <failure message=\"{}\">{}</failure>\n    </testcase>\n",
                         xml_escape(t.failures.front().substr(0, t.failures.front().find('\n'))),
                         xml_escape(text));
    }
    out += "  </testsuite>\n";
  }
  return out + "</testsuites>\n";
}

}  // namespace tb::cli
