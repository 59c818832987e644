#include "compiler/driver/compiler.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/check/checker.h"
#include "compiler/lower/lower.h"
#include "compiler/schema/schema.h"
#include "compiler/syntax/parser.h"

namespace tb::driver {

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

void Compilation::add_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    io_errors_.push_back(path + ": cannot read the file");
    return;
  }
  std::ostringstream text;
  text << in.rdbuf();
  add_source(path, text.str());
}

void Compilation::add_source(std::string path, std::string text) {
  const FileId id = sources_.add(std::move(path), std::move(text));
  modules_.push_back(syntax::parse_module(sources_, id, sink_));
}

std::unique_ptr<check::CheckedPack> Compilation::check() {
  // Checking a tree that failed to parse would only add noise to the syntax errors.
  if (sink_.has_errors()) return nullptr;
  std::vector<const ast::Module*> modules;
  for (const ast::Module& m : modules_) modules.push_back(&m);
  auto pack = std::make_unique<check::CheckedPack>(
      check::check_pack(modules, sources_, schema::Schema::builtin(), sink_));
  if (sink_.has_errors()) return nullptr;
  return pack;
}

std::unique_ptr<CompiledPack> Compilation::compile(const jit::JitOptions& options,
                                                   std::string& error) {
  auto checked = check();
  if (!checked) return nullptr;
  auto out = std::make_unique<CompiledPack>();
  out->checked = std::move(*checked);
  out->plan = make_scan_plan(out->checked);
  auto jit = jit::KernelJit::create(options);
  if (!jit) {
    error = llvm::toString(jit.takeError());
    return nullptr;
  }
  out->jit = std::move(*jit);
  auto kernel = out->jit->compile(lower::lower_pack(out->checked));
  if (!kernel) {
    error = llvm::toString(kernel.takeError());
    return nullptr;
  }
  out->plan.kernel = *kernel;
  return out;
}

runtime::ScanPlan make_scan_plan(check::CheckedPack& pack) {
  runtime::ScanPlan plan;
  // Findings always carry the record's id and time.
  plan.event_time_slot = pack.slot_for({"eventTime"}, schema::FieldType::Timestamp);
  plan.event_id_slot = pack.slot_for({"eventID"}, schema::FieldType::String);
  for (const check::FieldSlot& f : pack.fields) plan.fields.push_back(f.steps);
  plan.queries.resize(pack.query_count);
  for (const check::CheckedRunbook& rb : pack.runbooks) {
    for (const check::CheckedQuery& q : rb.queries) {
      runtime::QueryPlan& out = plan.queries[q.index];
      out.runbook = rb.name;
      out.title = rb.title;
      out.severity = rb.severity;
      out.query = q.name.empty() ? "main" : q.name;
      for (const check::Column& c : q.columns) out.columns.push_back({c.name, c.slot});
    }
  }
  return plan;
}

}  // namespace tb::driver
