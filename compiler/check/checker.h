#pragma once
// The check stage: resolves names, scopes and types of parsed runbooks against the CloudTrail
// schema, folds parameters and lists into constants, and compiles regexes, CIDR sets and
// timestamps. User mistakes become diagnostics; checking goes on to report them all.
#include <map>
#include <string>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/check/checked.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/schema/schema.h"
#include "runtime/semantics/timestamp.h"

namespace tb::check {

// A module with the modules it imports, as the driver loaded them.
struct ModuleUnit {
  const ast::Module* module = nullptr;
  std::vector<const ast::Module*> imports;  // direct imports; their definitions are visible
  bool in_pack = true;                      // its runbooks run (not only imported)
};

// Reads a list file named by `file("...")`, relative to the file that names it. Adds it to the
// sources so that a bad entry can be shown; returns its id, or nullopt with `error` set.
class ListFileReader {
 public:
  virtual ~ListFileReader() = default;
  virtual std::optional<FileId> read(FileId from, const std::string& path, std::string& error) = 0;
};

struct CheckOptions {
  semantics::Instant now;                     // what now() means in this compilation
  std::map<std::string, std::string> params;  // --param name=value, as text
  ListFileReader* list_files = nullptr;
};

struct CheckResult {
  CheckedPack pack;
  std::vector<std::string> unused_param_overrides;  // --param names no runbook declares
};

CheckResult check_pack(const std::vector<ModuleUnit>& units, const SourceManager& sources,
                       const schema::Schema& schema, const CheckOptions& options,
                       DiagnosticSink& sink);

}  // namespace tb::check
