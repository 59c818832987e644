#include "compiler/driver/compiler.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <system_error>

#include "compiler/check/checker.h"
#include "compiler/driver/query_shape.h"
#include "compiler/driver/query_slots.h"
#include "compiler/lint/lint.h"
#include "compiler/lower/lower.h"
#include "compiler/lower/partition_bounds.h"
#include "compiler/lower/prefilter_literals.h"
#include "compiler/schema/schema.h"
#include "compiler/syntax/parser.h"
#include "stdlib/embedded.h"

namespace tb::driver {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

namespace fs = std::filesystem;

std::vector<std::string> find_runbook_files(const std::vector<std::string>& paths,
                                            std::vector<std::string>& errors) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(path, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".tb") {
          found.push_back(it->path().string());
        }
      }
      if (ec) errors.push_back(path + ": " + ec.message());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      errors.push_back(path + ": no such file or directory");
    }
  }
  return files;
}

Compilation::Compilation() {
  options_.now = semantics::from_unix_nanos(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                                std::chrono::system_clock::now().time_since_epoch())
                                                .count());
}

namespace {

// The text of a file, or nothing, with the system's reason in `reason` ("no such file or
// directory", "permission denied", "is a directory").
std::optional<std::string> read_file(const std::string& path, std::string* reason = nullptr) {
  std::string text;
  errno = 0;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f != nullptr) {
    char buffer[1 << 16];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) text.append(buffer, n);
    const bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (!failed) return text;
  }
  if (reason != nullptr) {
    *reason = errno != 0 ? std::error_code(errno, std::generic_category()).message()
                         : std::string("cannot read it");
    if (!reason->empty()) (*reason)[0] = static_cast<char>(std::tolower((*reason)[0]));
  }
  return std::nullopt;
}

// Why `written` (an import or list file path) could not be read from `full`, the path it
// resolves to: the system's reason, and where it looked when that is not the path as written.
std::string unreadable(const std::string& written, const std::string& full,
                       const std::string& reason) {
  return written == full ? reason : reason + " (looked for " + full + ")";
}

std::string canonical(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(path, ec);
  return ec ? path : p.string();
}

// Reads list files relative to the runbook that names them.
class ListFiles : public check::ListFileReader {
 public:
  explicit ListFiles(SourceManager& sources) : sources_(sources) {}
  std::optional<FileId> read(FileId from, const std::string& path, std::string& error) override {
    const fs::path base = fs::path(sources_.file(from).path()).parent_path();
    const std::string full = (base / path).string();
    std::string reason;
    auto text = read_file(full, &reason);
    if (!text) {
      error = unreadable(path, full, reason);
      return std::nullopt;
    }
    return sources_.add(full, std::move(*text));
  }

 private:
  SourceManager& sources_;
};

}  // namespace

void Compilation::add_file(const std::string& path) {
  const std::string key = canonical(path);
  for (Loaded& l : loaded_) {
    if (l.key == key) {
      l.in_pack = true;  // imported earlier, now given directly
      return;
    }
  }
  auto text = read_file(path);
  if (!text) {
    io_errors_.push_back(path + ": cannot read the file");
    return;
  }
  add_source(path, std::move(*text));
}

void Compilation::add_source(std::string path, std::string text) {
  const FileId id = sources_.add(std::move(path), std::move(text));
  const auto start = std::chrono::steady_clock::now();
  modules_.push_back(syntax::parse_module(sources_, id, sink_));
  parse_seconds_ += seconds_since(start);
  loaded_.push_back({canonical(sources_.file(id).path()), true, {}});
}

std::optional<size_t> Compilation::load_import(size_t from, const ast::Import& import) {
  std::string key;
  std::string display;
  std::optional<std::string> text;
  if (import.is_stdlib) {
    key = import.target;
    display = "<stdlib>/" + import.target;
    text = stdlib::module_source(import.target);
    if (!text) {
      sink_.report(DiagId::ImportFailed, import.span, import.target,
                   "the standard library has no such module");
      return std::nullopt;
    }
  } else {
    const fs::path base = fs::path(sources_.file(modules_[from].file).path()).parent_path();
    display = (base / import.target).string();
    key = canonical(display);
  }
  for (size_t i = 0; i < loaded_.size(); ++i) {
    if (loaded_[i].key == key) return i;
  }
  std::string reason;
  if (!text) text = read_file(display, &reason);
  if (!text) {
    sink_.report(DiagId::ImportFailed, import.span, import.target,
                 unreadable(import.target, display, reason));
    return std::nullopt;
  }
  const FileId id = sources_.add(display, std::move(*text));
  modules_.push_back(syntax::parse_module(sources_, id, sink_));
  loaded_.push_back({key, false, {}});
  return modules_.size() - 1;
}

void Compilation::resolve_imports() {
  // Breadth-first: imported modules are appended and resolved in turn.
  for (size_t i = 0; i < modules_.size(); ++i) {
    for (const ast::Import& import : modules_[i].imports) {
      if (auto target = load_import(i, import)) loaded_[i].imports.push_back(*target);
    }
  }
  // A cycle is an error that names its chain.
  std::vector<int> state(modules_.size(), 0);  // 0 new, 1 on the stack, 2 done
  std::vector<size_t> stack;
  std::function<bool(size_t)> visit = [&](size_t m) {
    state[m] = 1;
    stack.push_back(m);
    for (size_t k = 0; k < loaded_[m].imports.size(); ++k) {
      const size_t next = loaded_[m].imports[k];
      if (state[next] == 1) {
        std::string chain;
        auto from = std::find(stack.begin(), stack.end(), next);
        for (auto it = from; it != stack.end(); ++it) {
          chain += sources_.file(modules_[*it].file).path() + " -> ";
        }
        chain += sources_.file(modules_[next].file).path();
        sink_.report(DiagId::ImportCycle, modules_[m].imports[k].span, chain);
        return false;
      }
      if (state[next] == 0 && !visit(next)) return false;
    }
    stack.pop_back();
    state[m] = 2;
    return true;
  };
  for (size_t m = 0; m < modules_.size(); ++m) {
    if (state[m] == 0 && !visit(m)) return;
  }
}

// What a runbook's `allow` metadata accepts, inside that runbook, is not reported.
void Compilation::drop_allowed(const check::CheckedPack& pack) {
  sink_.drop_if([&](const Diagnostic& d) {
    return std::any_of(pack.runbooks.begin(), pack.runbooks.end(), [&](const auto& rb) {
      return rb.span.file == d.span.file && rb.span.begin <= d.span.begin &&
             d.span.end <= rb.span.end &&
             std::find(rb.allow.begin(), rb.allow.end(), d.code()) != rb.allow.end();
    });
  });
}

std::unique_ptr<check::CheckedPack> Compilation::check() {
  resolve_imports();
  // Checking a tree that failed to parse would only add noise to the syntax errors.
  if (sink_.has_errors()) return nullptr;
  std::vector<check::ModuleUnit> units;
  for (size_t i = 0; i < modules_.size(); ++i) {
    check::ModuleUnit unit;
    unit.module = &modules_[i];
    unit.in_pack = loaded_[i].in_pack;
    for (size_t imported : loaded_[i].imports) unit.imports.push_back(&modules_[imported]);
    units.push_back(unit);
  }
  ListFiles list_files(sources_);
  check::CheckOptions options;
  options.now = options_.now;
  options.params = options_.params;
  options.list_files = &list_files;
  check::CheckResult result =
      check::check_pack(units, sources_, schema::Schema::builtin(), options, sink_);
  unknown_params_ = result.unused_param_overrides;
  if (options_.lint && !sink_.has_errors()) lint::lint_pack(result.pack, sources_, sink_);
  drop_allowed(result.pack);
  if (sink_.has_errors() || !unknown_params_.empty()) return nullptr;
  restrict_event_time(result.pack, options_.window);  // after the lint: not the runbooks' doing
  return std::make_unique<check::CheckedPack>(std::move(result.pack));
}

std::unique_ptr<CompiledPack> Compilation::compile(const jit::JitOptions& options,
                                                   std::string& error) {
  auto start = std::chrono::steady_clock::now();
  auto checked = check();
  if (!checked) return nullptr;
  auto out = std::make_unique<CompiledPack>();
  out->times.parse = parse_seconds_;
  out->times.check = seconds_since(start);
  out->checked = std::move(*checked);
  out->plan = make_scan_plan(out->checked, options_.context_fields);
  auto jit = jit::KernelJit::create(options);
  if (!jit) {
    error = llvm::toString(jit.takeError());
    return nullptr;
  }
  out->jit = std::move(*jit);
  start = std::chrono::steady_clock::now();
  lower::LoweredPack lowered = lower::lower_pack(out->checked);
  out->times.lower = seconds_since(start);
  start = std::chrono::steady_clock::now();
  auto kernel = out->jit->compile(std::move(lowered));
  out->times.jit = seconds_since(start);
  out->times.from_cache = out->jit->last_from_cache();
  if (!kernel) {
    error = llvm::toString(kernel.takeError());
    return nullptr;
  }
  out->plan.kernel = *kernel;
  return out;
}

namespace {

// The slots parsed for a record that only the queries requiring no literal may match: theirs,
// and those every finding carries.
std::vector<bool> base_slots(const check::CheckedPack& pack, const runtime::ScanPlan& plan) {
  std::vector<bool> base(pack.fields.size(), false);
  base[plan.event_time_slot] = base[plan.event_id_slot] = true;
  for (const runtime::OutputColumn& c : plan.context) base[c.slot] = true;
  const auto& clauses = plan.prefilter->spec().clauses;
  for (const check::CheckedRunbook& rb : pack.runbooks) {
    for (const check::CheckedQuery& q : rb.queries) {
      if (!clauses[q.index].empty()) continue;
      for (uint32_t slot : slots_read(q)) base[slot] = true;
    }
  }
  return base;
}

}  // namespace

runtime::ScanPlan make_scan_plan(check::CheckedPack& pack,
                                 const std::vector<std::string>& context_fields) {
  runtime::ScanPlan plan;
  // Findings always carry the record's id and time.
  plan.event_time_slot = pack.slot_for({"eventTime"}, schema::FieldType::Timestamp);
  plan.event_id_slot = pack.slot_for({"eventID"}, schema::FieldType::String);
  for (const std::string& dotted : context_fields) {
    std::vector<std::string> steps;
    for (size_t begin = 0, dot; begin <= dotted.size(); begin = dot + 1) {
      dot = std::min(dotted.find('.', begin), dotted.size());
      steps.push_back(dotted.substr(begin, dot - begin));
    }
    plan.context.push_back({dotted, pack.slot_for(steps, schema::FieldType::Any)});
  }
  plan.row_matches = !context_fields.empty();
  for (const check::FieldSlot& f : pack.fields) {
    plan.fields.push_back({f.steps, f.elements, f.element_fields});
  }
  plan.objects = pack.object_table();
  std::string prefilter_error;  // Vectorscan refusing literals only costs the prefilter
  plan.prefilter = runtime::Prefilter::create(lower::derive_prefilter(pack), prefilter_error);
  // Only a pack with queries that require no literal parses a record for part of its fields.
  if (plan.prefilter && !plan.prefilter->spec().skips_records()) {
    plan.base_slots = base_slots(pack, plan);
  }
  plan.partition_bounds = lower::derive_partition_bounds(pack);
  plan.queries.resize(pack.query_count);
  for (const check::CheckedRunbook& rb : pack.runbooks) {
    for (const check::CheckedQuery& q : rb.queries) {
      runtime::QueryPlan& out = plan.queries[q.index];
      out.index = q.index;
      out.runbook = rb.name;
      out.title = rb.title;
      out.severity = rb.severity;
      out.query = q.name.empty() ? "main" : q.name;
      for (const check::Column& c : q.columns) out.columns.push_back({c.name, c.slot});
      if (!q.streams()) out.shape = query_shape(q, rb.name);
    }
  }
  return plan;
}

}  // namespace tb::driver
