// The check stage's entry point: builds the scopes of every module (own definitions over
// imported ones), then checks each runbook of the pack.
#include "compiler/check/checker.h"

#include <algorithm>
#include <deque>

#include "compiler/check/checker_impl.h"
#include "compiler/check/metadata.h"

namespace tb::check {

Checker::Checker(const schema::Schema& schema_, const SourceManager& sources_,
                 const CheckOptions& options_, CheckedPack& pack_, DiagnosticSink& sink_)
    : schema(schema_),
      sources(sources_),
      options(options_),
      pack(pack_),
      sink(sink_),
      field_names(schema_.addressable_paths()) {}

CheckResult check_pack(const std::vector<ModuleUnit>& units, const SourceManager& sources,
                       const schema::Schema& schema, const CheckOptions& options,
                       DiagnosticSink& sink) {
  CheckResult result;
  Checker checker(schema, sources, options, result.pack, sink);

  // Scopes outlive checking: bindings point at the scope they resolve in.
  std::deque<Scope> scopes;
  std::map<const ast::Module*, Scope*> own_scope;
  for (const ModuleUnit& unit : units) {
    Scope& imports = scopes.emplace_back();
    Scope& own = scopes.emplace_back();
    own.parent = &imports;
    const bool tracked = unit.in_pack && !unit.module->runbooks.empty();
    checker.declare(own, unit.module->definitions, tracked);
    own_scope[unit.module] = &own;
  }
  for (const ModuleUnit& unit : units) {
    Scope& own = *own_scope[unit.module];
    Scope& imports = const_cast<Scope&>(*own.parent);
    for (const ast::Module* imported : unit.imports) {
      auto it = own_scope.find(imported);
      if (it == own_scope.end()) continue;
      for (const auto& [name, binding] : it->second->names) {
        if (own.names.count(name) > 0 || imports.names.count(name) > 0) {
          const Binding& mine =
              own.names.count(name) > 0 ? own.names.at(name) : imports.names.at(name);
          Diagnostic& d = sink.report(DiagId::DuplicateDefinition, mine.declared, name);
          d.notes.push_back({"also defined here", binding.declared, true});
          continue;
        }
        imports.names.emplace(name, binding);
      }
    }
  }

  std::vector<std::pair<std::string, Span>> names;
  struct UsedId {
    std::string id, runbook;
    Span span;
  };
  std::vector<UsedId> ids;
  for (const ModuleUnit& unit : units) {
    if (!unit.in_pack) continue;
    for (const ast::Runbook& rb : unit.module->runbooks) {
      auto dup = std::find_if(names.begin(), names.end(),
                              [&](const auto& n) { return n.first == rb.name; });
      if (dup != names.end()) {
        Diagnostic& d = sink.report(DiagId::DuplicateRunbook, rb.name_span, rb.name);
        d.notes.push_back({"first defined here", dup->second, true});
        continue;
      }
      names.emplace_back(rb.name, rb.name_span);
      Scope& scope = scopes.emplace_back();
      scope.parent = own_scope[unit.module];
      checker.declare(scope, rb.definitions, true);

      CheckedRunbook out;
      out.name = rb.name;
      out.source_path = sources.file(rb.name_span.file).path();
      out.span = rb.span;
      check_metadata(rb, out, sink);
      if (!out.id.empty()) {
        const auto key = std::find_if(rb.meta.begin(), rb.meta.end(),
                                      [](const ast::MetaEntry& m) { return m.key == "id"; });
        auto same =
            std::find_if(ids.begin(), ids.end(), [&](const UsedId& i) { return i.id == out.id; });
        if (same != ids.end()) {
          Diagnostic& d = sink.report(DiagId::DuplicateId, key->value_span, out.id, same->runbook);
          d.notes.push_back({"first used here", same->span, true});
        } else {
          ids.push_back({out.id, rb.name, key->value_span});
        }
      }
      for (auto q = rb.queries.begin(); q != rb.queries.end(); ++q) {
        const std::string display = q->name.empty() ? "main" : q->name;
        const auto first = std::find_if(rb.queries.begin(), q, [&](const ast::Query& other) {
          return (other.name.empty() ? "main" : other.name) == display;
        });
        if (first != q) {
          Diagnostic& d = sink.report(DiagId::DuplicateQuery, q->name_span, display, rb.name);
          if (!first->name.empty()) {
            d.notes.push_back({"first defined here", first->name_span, true});
          } else {
            d.notes.push_back({"the clauses written directly in the runbook form its main query",
                               first->where ? first->where->span : rb.name_span, true});
          }
        }
        out.queries.push_back(checker.query(*q, scope, rb.name));
      }
      for (auto t = rb.tests.begin(); t != rb.tests.end(); ++t) {
        const auto first = std::find_if(
            rb.tests.begin(), t, [&](const ast::TestDecl& other) { return other.name == t->name; });
        if (first != t) {
          Diagnostic& d = sink.report(DiagId::DuplicateTest, t->name_span, t->name, rb.name);
          d.notes.push_back({"first defined here", first->name_span, true});
        }
        out.tests.push_back(checker.test(*t, rb, scope));
      }
      // Parameters nobody reads still get their defaults and overrides checked.
      for (const ast::ParamDecl& p : rb.definitions.params) {
        if (const Binding* b = scope.find(p.name); b != nullptr && b->param == &p) {
          checker.param_value(*b);
        }
      }
      result.pack.runbooks.push_back(std::move(out));
    }
  }
  for (const ModuleUnit& unit : units) {
    for (const ast::ParamDecl& p : unit.module->definitions.params) {
      const Scope& own = *own_scope[unit.module];
      auto it = own.names.find(p.name);
      if (it != own.names.end() && it->second.param == &p) checker.param_value(it->second);
    }
  }
  checker.report_unused();
  for (const auto& [name, text] : options.params) {
    if (checker.declared_params.count(name) == 0) result.unused_param_overrides.push_back(name);
  }
  return result;
}

}  // namespace tb::check
