#include "compiler/check/metadata.h"

#include <algorithm>
#include <array>

namespace tb::check {

namespace {

enum class ValueShape { Text, Name, List };

struct MetaKey {
  std::string_view key;
  ValueShape shape;
  bool required;
  std::string_view expects;  // for messages
};

constexpr std::array kMetaKeys = {
    MetaKey{"title", ValueShape::Text, true, "a string"},
    MetaKey{"severity", ValueShape::Name, true, "one of info, low, medium, high, critical"},
    MetaKey{"description", ValueShape::Text, false, "a string"},
    MetaKey{"id", ValueShape::Text, false, "a string"},
    MetaKey{"author", ValueShape::Text, false, "a string"},
    MetaKey{"tags", ValueShape::List, false, "a list of strings"},
    MetaKey{"references", ValueShape::List, false, "a list of strings"},
    MetaKey{"allow", ValueShape::List, false, "a list of diagnostic codes"},
};

const std::vector<std::string>& severities() {
  static const std::vector<std::string> values = {"info", "low", "medium", "high", "critical"};
  return values;
}

bool shape_matches(const ast::MetaEntry& e, ValueShape shape) {
  switch (shape) {
    case ValueShape::Text:
      return !e.value_is_list && !e.value_is_name && e.value.kind == ast::Literal::Kind::String;
    case ValueShape::Name:
      return e.value_is_name;
    case ValueShape::List:
      return e.value_is_list && std::all_of(e.list.begin(), e.list.end(), [](const auto& l) {
               return l.kind == ast::Literal::Kind::String;
             });
  }
  return false;
}

bool is_kebab_case(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  char prev = 0;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && prev == '-')) return false;
    prev = c;
  }
  return true;
}

// A URL, a MITRE ATT&CK technique id (T1098, T1098.001) or a CIS control (CIS 4.1).
bool is_reference(std::string_view ref) {
  if (ref.rfind("https://", 0) == 0 || ref.rfind("http://", 0) == 0) {
    return ref.find_first_of(" \t\n") == std::string_view::npos && ref.size() > 8;
  }
  auto digits = [](std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (ref.size() >= 5 && ref[0] == 'T' && digits(ref.substr(1, 4))) {
    if (ref.size() == 5) return true;
    return ref.size() == 9 && ref[5] == '.' && digits(ref.substr(6));
  }
  if (ref.rfind("CIS ", 0) == 0) {
    std::string_view rest = ref.substr(4);
    size_t start = 0;
    while (start <= rest.size()) {
      const size_t dot = std::min(rest.find('.', start), rest.size());
      if (!digits(rest.substr(start, dot - start))) return false;
      start = dot + 1;
    }
    return true;
  }
  return false;
}

}  // namespace

void check_metadata(const ast::Runbook& runbook, CheckedRunbook& out, DiagnosticSink& sink) {
  std::vector<const ast::MetaEntry*> seen;  // the first entry of each known key
  auto first_of = [&](std::string_view key) {
    return std::find_if(seen.begin(), seen.end(),
                        [&](const ast::MetaEntry* s) { return s->key == key; });
  };
  std::vector<std::string> known;
  known.reserve(kMetaKeys.size());
  for (const MetaKey& k : kMetaKeys) known.emplace_back(k.key);

  for (const ast::MetaEntry& e : runbook.meta) {
    auto key = std::find_if(kMetaKeys.begin(), kMetaKeys.end(),
                            [&](const MetaKey& k) { return k.key == e.key; });
    if (key == kMetaKeys.end()) {
      Diagnostic& d = sink.report(DiagId::UnknownMetadataKey, e.key_span, e.key);
      suggest_spelling(d, e.key, e.key_span, known);
      continue;
    }
    if (auto first = first_of(e.key); first != seen.end()) {
      Diagnostic& d = sink.report(DiagId::DuplicateMetadataKey, e.key_span, e.key);
      d.notes.push_back({"first given here", (*first)->key_span, true});
      continue;
    }
    seen.push_back(&e);
    if (!shape_matches(e, key->shape)) {
      sink.report(DiagId::BadMetadataValue, e.value_span, e.key, key->expects);
      continue;
    }
    if (e.key == "title") out.title = e.value.string_value;
    if (e.key == "description") out.description = e.value.string_value;
    if (e.key == "author") out.author = e.value.string_value;
    if (e.key == "tags") {
      for (const ast::Literal& tag : e.list) out.tags.push_back(tag.string_value);
    }
    if (e.key == "id") {
      if (!is_kebab_case(e.value.string_value)) {
        sink.report(DiagId::BadMetadataValue, e.value_span, e.key,
                    "a kebab-case id such as iam-role-policy-changes");
        continue;
      }
      out.id = e.value.string_value;
    }
    if (e.key == "references") {
      for (const ast::Literal& ref : e.list) {
        if (!is_reference(ref.string_value)) {
          sink.report(DiagId::BadMetadataValue, ref.span, e.key,
                      "URLs (https://...), ATT&CK ids (T1098, T1098.001) or CIS controls "
                      "(CIS 4.1)");
          continue;
        }
        out.references.push_back(ref.string_value);
      }
    }
    if (e.key == "allow") {
      // Warnings a runbook accepts on purpose, such as TB4008 in an investigation that reads
      // requestParameters of every event.
      for (const ast::Literal& code : e.list) {
        const auto& table = all_diagnostics();
        auto info = std::find_if(table.begin(), table.end(),
                                 [&](const DiagInfo& d) { return d.code == code.string_value; });
        if (info == table.end() || info->severity == Severity::Error) {
          sink.report(DiagId::BadMetadataValue, code.span, e.key,
                      "codes of warnings or notes, such as TB4008");
          continue;
        }
        out.allow.push_back(code.string_value);
      }
    }
    if (e.key == "severity") {
      const std::string& s = e.value.string_value;
      if (std::find(severities().begin(), severities().end(), s) == severities().end()) {
        Diagnostic& d = sink.report(DiagId::BadSeverity, e.value_span, s);
        if (!suggest_spelling(d, s, e.value_span, severities())) {
          d.notes.push_back({"severity is one of info, low, medium, high, critical", {}, false});
        }
        continue;
      }
      out.severity = s;
    }
  }
  for (const MetaKey& k : kMetaKeys) {
    if (k.required && first_of(k.key) == seen.end()) {
      sink.report(DiagId::MissingMetadata, runbook.name_span, runbook.name, k.key);
    }
  }
}

}  // namespace tb::check
