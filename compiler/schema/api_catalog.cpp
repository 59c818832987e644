#include "compiler/schema/api_catalog.h"

#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "compiler/diag/spelling.h"
#include "stdlib/embedded.h"

namespace tb::schema {

namespace {

// CamelCase words: "UpdateRolePolicy" -> Update, Role, Policy.
std::vector<std::string_view> words_of(std::string_view name) {
  std::vector<std::string_view> words;
  size_t start = 0;
  for (size_t i = 1; i <= name.size(); ++i) {
    if (i == name.size() || std::isupper(static_cast<unsigned char>(name[i])) != 0) {
      words.push_back(name.substr(start, i - start));
      start = i;
    }
  }
  return words;
}

// Whether `small`'s words appear in `big`'s words, in order, with others between.
bool words_within(const std::vector<std::string_view>& small,
                  const std::vector<std::string_view>& big) {
  size_t i = 0;
  for (std::string_view w : big) {
    if (i < small.size() && w == small[i]) ++i;
  }
  return i == small.size();
}

void add_unique(std::vector<std::string>& out, const std::string& name) {
  if (out.size() < 3 && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
}

// The first letter in either case, the rest exactly.
bool same_member(std::string_view written, std::string_view member) {
  return written.size() == member.size() && !written.empty() &&
         std::tolower(static_cast<unsigned char>(written[0])) ==
             std::tolower(static_cast<unsigned char>(member[0])) &&
         written.substr(1) == member.substr(1);
}

}  // namespace

// The parsed catalog, kept to look members up when a runbook needs them: building an index of
// all 15,000 operations would cost more than the few lookups a pack makes.
struct ApiCatalog::Shapes {
  simdjson::dom::parser parser;
  simdjson::dom::object services;
};

ApiCatalog::ApiCatalog() : shapes_(std::make_unique<Shapes>()) {}
ApiCatalog::~ApiCatalog() = default;

std::unique_ptr<ApiCatalog> ApiCatalog::parse(std::string_view json, std::string& error) {
  auto catalog = std::make_unique<ApiCatalog>();
  simdjson::dom::parser& parser = catalog->shapes_->parser;
  simdjson::dom::element root;
  if (auto e = parser.parse(json.data(), json.size()).get(root)) {
    error = std::string("catalog is not valid JSON: ") + simdjson::error_message(e);
    return nullptr;
  }
  simdjson::dom::object services;
  if (root["services"].get_object().get(services)) {
    error = "catalog has no 'services' object";
    return nullptr;
  }
  catalog->shapes_->services = services;
  for (auto [source, service] : services) {
    simdjson::dom::object operations;
    if (service["operations"].get_object().get(operations)) {
      error = "service '" + std::string(source) + "' has no 'operations' object";
      return nullptr;
    }
    auto& events = catalog->events_by_source_[std::string(source)];
    for (auto [name, params] : operations) {
      events.emplace(name);
      catalog->sources_by_event_[std::string(name)].emplace_back(source);
    }
  }
  simdjson::dom::object synonyms;
  if (!root["verb_synonyms"].get_object().get(synonyms)) {
    for (auto [verb, others] : synonyms) {
      simdjson::dom::array list;
      if (others.get_array().get(list)) continue;
      auto& out = catalog->verb_synonyms_[std::string(verb)];
      for (simdjson::dom::element o : list) {
        std::string_view s;
        if (!o.get_string().get(s)) out.emplace_back(s);
      }
    }
  }
  for (auto& [source, events] : catalog->events_by_source_)
    catalog->source_names_.push_back(source);
  for (auto& [name, sources] : catalog->sources_by_event_) {
    std::sort(sources.begin(), sources.end());
    catalog->event_names_.push_back(name);
  }
  return catalog;
}

const ApiCatalog& ApiCatalog::builtin() {
  static const std::unique_ptr<ApiCatalog> catalog = [] {
    std::string error;
    auto c = parse(stdlib::aws_api_catalog_json(), error);
    // The embedded catalog is tested at build time; failing here is a packaging bug.
    if (!c) {
      std::fprintf(stderr, "trailbook: the embedded AWS API catalog is broken: %s\n",
                   error.c_str());
      std::abort();
    }
    return c;
  }();
  return *catalog;
}

bool ApiCatalog::has_event(std::string_view name) const {
  return sources_by_event_.find(name) != sources_by_event_.end();
}

bool ApiCatalog::has_source(std::string_view source) const {
  return events_by_source_.find(source) != events_by_source_.end();
}

bool ApiCatalog::source_has(std::string_view source, std::string_view name) const {
  auto it = events_by_source_.find(source);
  return it != events_by_source_.end() && it->second.find(name) != it->second.end();
}

std::vector<std::string> ApiCatalog::events_with_prefix(std::string_view prefix) const {
  std::vector<std::string> out;
  for (auto it = sources_by_event_.lower_bound(prefix);
       it != sources_by_event_.end() && it->first.starts_with(prefix); ++it) {
    out.push_back(it->first);
  }
  return out;
}

std::vector<std::string> ApiCatalog::sources_of(std::string_view name) const {
  auto it = sources_by_event_.find(name);
  return it == sources_by_event_.end() ? std::vector<std::string>{} : it->second;
}

std::vector<std::string> ApiCatalog::nearest_events(std::string_view name,
                                                    const std::set<std::string>& sources) const {
  std::vector<std::string> scoped;
  for (const std::string& s : sources) {
    auto it = events_by_source_.find(s);
    if (it != events_by_source_.end())
      scoped.insert(scoped.end(), it->second.begin(), it->second.end());
  }
  const std::vector<std::string>& candidates = scoped.empty() ? event_names_ : scoped;
  auto known = [&](const std::string& n) {
    return scoped.empty() ? has_event(n)
                          : std::find(scoped.begin(), scoped.end(), n) != scoped.end();
  };
  const std::vector<std::string> spelled = closest_spellings(name, candidates);
  std::vector<std::string> out;
  // A one-edit typo is the likeliest intent.
  for (const std::string& s : spelled) {
    if (edit_distance(name, s) <= 2) add_unique(out, s);
  }
  const std::vector<std::string_view> words = words_of(name);
  if (!words.empty()) {
    auto syn = verb_synonyms_.find(words.front());
    if (syn != verb_synonyms_.end()) {
      const std::string_view rest = name.substr(words.front().size());
      for (const std::string& verb : syn->second) {
        const std::string other = verb + std::string(rest);
        if (known(other)) add_unique(out, other);
      }
    }
    for (const std::string& c : candidates) {
      if (c.size() > name.size() && words_within(words, words_of(c))) add_unique(out, c);
    }
  }
  // Plain spelling neighbours only when nothing better was found: for UpdateRolePolicy,
  // DeleteRolePolicy is close in letters and the opposite in meaning.
  if (out.empty()) {
    for (const std::string& s : spelled) add_unique(out, s);
  }
  return out;
}

MemberCheck ApiCatalog::check_member(std::string_view source, std::string_view event, bool response,
                                     const std::vector<std::string>& steps) const {
  MemberCheck out;
  simdjson::dom::element service;
  if (shapes_->services.at_key(source).get(service)) return out;
  bool typed = true;
  if (!service["typed"].get_bool().get(typed) && !typed) return out;
  simdjson::dom::element shape;
  if (service[response ? "responses" : "operations"][event].get(shape) || !shape.is_object()) {
    return out;
  }
  for (size_t i = 0; i < steps.size(); ++i) {
    simdjson::dom::object members;
    // Below a list, a map, a scalar or the depth the catalog keeps, nothing is described.
    if (shape.get_object().get(members)) break;
    bool found = false;
    for (auto [name, type] : members) {
      if (same_member(steps[i], name)) {
        shape = type;
        found = true;
        break;
      }
    }
    if (!found) {
      out.result = MemberCheck::Result::Unknown;
      out.step = i;
      for (auto [name, type] : members) out.members.emplace_back(name);
      return out;
    }
  }
  out.result = MemberCheck::Result::Known;
  return out;
}

std::vector<std::string> ApiCatalog::nearest_sources(std::string_view source) const {
  return closest_spellings(source, source_names_);
}

}  // namespace tb::schema
