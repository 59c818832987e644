#include "cli/diagnostic_formats.h"

#include <cctype>

#include <fmt/format.h>

#include "runtime/semantics/json_text.h"

namespace tb::cli {

namespace {

using semantics::append_json_string;

struct Place {
  std::string_view file;
  LineCol begin, end;
  uint32_t begin_cp = 1, end_cp = 1;  // columns in code points
};

Place place(const SourceManager& sources, Span span) {
  const SourceFile& file = sources.file(span.file);
  return {file.path(), file.location(span.begin), file.location(span.end),
          file.code_point_column(span.begin), file.code_point_column(span.end)};
}

std::string json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

std::string sarif_level(Severity s) {
  return s == Severity::Error ? "error" : s == Severity::Warning ? "warning" : "note";
}

// A relative path is a relative reference; an absolute one becomes a file URI.
std::string artifact_uri(std::string_view path) {
  return json_string(path.substr(0, 1) == "/" ? "file://" + std::string(path) : std::string(path));
}

std::string sarif_location(const Place& p) {
  return fmt::format(
      R"({{"physicalLocation":{{"artifactLocation":{{"uri":{}}},"region":{{"startLine":{},)"
      R"("startColumn":{},"endLine":{},"endColumn":{}}}}}}})",
      artifact_uri(p.file), p.begin.line, p.begin_cp, p.end.line, p.end_cp);
}

}  // namespace

std::string diagnostics_json(const SourceManager& sources, const std::vector<Diagnostic>& diags) {
  std::string out = "{\"diagnostics\":[";
  for (size_t i = 0; i < diags.size(); ++i) {
    const Diagnostic& d = diags[i];
    const Place p = place(sources, d.span);
    out +=
        fmt::format(R"({}{{"code":{},"severity":{},"message":{},"file":{},"line":{},"column":{},)"
                    R"("end_line":{},"end_column":{},"notes":[)",
                    i == 0 ? "" : ",", json_string(d.code()),
                    json_string(severity_name(d.severity)), json_string(d.message),
                    json_string(p.file), p.begin.line, p.begin.column, p.end.line, p.end.column);
    for (size_t n = 0; n < d.notes.size(); ++n) {
      out += n == 0 ? "{" : ",{";
      out += "\"message\":" + json_string(d.notes[n].message);
      if (d.notes[n].has_span) {
        const Place np = place(sources, d.notes[n].span);
        out += fmt::format(R"(,"file":{},"line":{},"column":{})", json_string(np.file),
                           np.begin.line, np.begin.column);
      }
      out += "}";
    }
    out += "],\"fixits\":[";
    for (size_t f = 0; f < d.fixits.size(); ++f) {
      const Place fp = place(sources, d.fixits[f].span);
      out += fmt::format(
          R"({}{{"file":{},"line":{},"column":{},"end_line":{},"end_column":{},"replacement":{}}})",
          f == 0 ? "" : ",", json_string(fp.file), fp.begin.line, fp.begin.column, fp.end.line,
          fp.end.column, json_string(d.fixits[f].replacement));
    }
    out += "]}";
  }
  return out + "]}\n";
}

std::string diagnostics_sarif(const SourceManager& sources, const std::vector<Diagnostic>& diags) {
  std::string rules;
  const std::vector<DiagInfo>& table = all_diagnostics();
  for (size_t r = 0; r < table.size(); ++r) {
    const DiagInfo& info = table[r];
    std::string anchor(info.code);
    for (char& c : anchor) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    rules += fmt::format(
        R"({}{{"id":{},"name":{},"shortDescription":{{"text":{}}},)"
        R"("help":{{"text":"docs/diagnostics.md#{}"}},"defaultConfiguration":{{"level":"{}"}}}})",
        r == 0 ? "" : ",", json_string(info.code), json_string(info.name),
        json_string(info.message), anchor, sarif_level(info.severity));
  }
  std::string results;
  for (size_t i = 0; i < diags.size(); ++i) {
    const Diagnostic& d = diags[i];
    const size_t rule = static_cast<size_t>(d.id);
    std::string text = d.message;
    std::string related;
    for (const DiagNote& n : d.notes) {
      if (!n.has_span) {
        text += "\n" + n.message;
        continue;
      }
      const std::string loc = sarif_location(place(sources, n.span));
      related += fmt::format(R"({}{},"message":{{"text":{}}}}})", related.empty() ? "" : ",",
                             loc.substr(0, loc.size() - 1), json_string(n.message));
    }
    std::string fixes;
    for (const FixIt& f : d.fixits) {
      const Place fp = place(sources, f.span);
      fixes += fmt::format(
          R"({}{{"description":{{"text":{}}},"artifactChanges":[{{"artifactLocation":{{"uri":{}}},)"
          R"("replacements":[{{"deletedRegion":{{"startLine":{},"startColumn":{},"endLine":{},)"
          R"("endColumn":{}}},"insertedContent":{{"text":{}}}}}]}}]}})",
          fixes.empty() ? "" : ",", json_string("replace with " + f.replacement),
          artifact_uri(fp.file), fp.begin.line, fp.begin_cp, fp.end.line, fp.end_cp,
          json_string(f.replacement));
    }
    results += fmt::format(
        R"({}{{"ruleId":{},"ruleIndex":{},"level":"{}","message":{{"text":{}}},"locations":[{}])",
        i == 0 ? "" : ",", json_string(d.code()), rule, sarif_level(d.severity), json_string(text),
        sarif_location(place(sources, d.span)));
    if (!related.empty()) results += ",\"relatedLocations\":[" + related + "]";
    if (!fixes.empty()) results += ",\"fixes\":[" + fixes + "]";
    results += "}";
  }
  return fmt::format(
      R"({{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0",)"
      R"("runs":[{{"tool":{{"driver":{{"name":"trailbook","version":"0.1.0","rules":[{}]}}}},)"
      R"("columnKind":"unicodeCodePoints","results":[{}]}}]}})"
      "\n",
      rules, results);
}

}  // namespace tb::cli
