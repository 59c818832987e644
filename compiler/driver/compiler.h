#pragma once
// The compiler facade: the one place that wires the stages together.
//   sources -> syntax -> check -> lower -> jit -> runtime::ScanPlan
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/check/checked.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/driver/event_time_window.h"
#include "compiler/jit/kernel_jit.h"
#include "compiler/source/source_file.h"
#include "runtime/exec/scan_plan.h"
#include "runtime/semantics/timestamp.h"

namespace tb::driver {

// Runbook files given on the command line: files as they are, directories searched for *.tb.
// Paths that cannot be read are returned in `errors`.
std::vector<std::string> find_runbook_files(const std::vector<std::string>& paths,
                                            std::vector<std::string>& errors);

// Where compile time went, for --stats.
struct CompileTimes {
  double parse = 0;  // seconds, every file added (imports are parsed during check)
  double check = 0;
  double lower = 0;
  double jit = 0;  // optimisation and code generation, or loading from the kernel cache
  bool from_cache = false;
};

// A pack of runbooks compiled to a native kernel, ready to scan with.
struct CompiledPack {
  check::CheckedPack checked;
  std::unique_ptr<jit::KernelJit> jit;  // owns the kernel's code
  runtime::ScanPlan plan;
  CompileTimes times;
};

struct CompileOptions {
  semantics::Instant now;                     // what now() means; the driver sets the clock
  std::map<std::string, std::string> params;  // --param name=value
  bool lint = true;                           // the semantic lint (lint/), after checking
  std::set<std::string, std::less<>> deny;    // warning codes reported as errors (--deny)
  EventTimeWindow window;                     // scan --since/--until, added to every query
  // Dotted paths every match carries besides the selected fields (ScanPlan::context), for a
  // report, which then also sees the matches behind rows (ScanPlan::row_matches). They add
  // field loads, so scan leaves them empty.
  std::vector<std::string> context_fields;
};

class Compilation {
 public:
  Compilation();
  void set_options(CompileOptions options) {
    options_ = std::move(options);
    sink_.deny(options_.deny);
  }
  const CompileOptions& options() const { return options_; }

  // Reads and parses a runbook file; I/O errors go to `io_errors`.
  void add_file(const std::string& path);
  // Adds source text under a display path (tests, stdin).
  void add_source(std::string path, std::string text);

  // Parses and checks everything added. Returns null when there are errors (see diagnostics()).
  std::unique_ptr<check::CheckedPack> check();
  // check(), then lower and JIT. `error` gets JIT failures, which are not user mistakes.
  std::unique_ptr<CompiledPack> compile(const jit::JitOptions& options, std::string& error);

  const SourceManager& sources() const { return sources_; }
  const DiagnosticSink& diagnostics() const { return sink_; }
  const std::vector<std::string>& io_errors() const { return io_errors_; }
  const std::deque<ast::Module>& modules() const { return modules_; }
  // --param names that no runbook declares (after check()).
  const std::vector<std::string>& unknown_params() const { return unknown_params_; }

 private:
  struct Loaded {
    std::string key;  // canonical path, or std.NAME
    bool in_pack = true;
    std::vector<size_t> imports;  // indexes into modules_
  };
  std::optional<size_t> load_import(size_t from, const ast::Import& import);
  void resolve_imports();
  void drop_allowed(const check::CheckedPack& pack);

  SourceManager sources_;
  DiagnosticSink sink_;
  std::deque<ast::Module> modules_;  // stable addresses: the checker keeps pointers
  std::vector<Loaded> loaded_;
  std::vector<std::string> io_errors_;
  std::vector<std::string> unknown_params_;
  CompileOptions options_;
  double parse_seconds_ = 0;
};

// The runtime's view of a checked pack: fields by slot and what each query prints.
// `context_fields`: dotted paths added as ScanPlan::context, read whether or not a runbook does.
runtime::ScanPlan make_scan_plan(check::CheckedPack& pack,
                                 const std::vector<std::string>& context_fields = {});

}  // namespace tb::driver
