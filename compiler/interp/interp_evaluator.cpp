#include "compiler/interp/interp_evaluator.h"

#include "compiler/interp/evaluate.h"

namespace tb::interp {

namespace {

class InterpEvaluator final : public runtime::RecordEvaluator {
 public:
  explicit InterpEvaluator(const check::CheckedPack& pack) : interpreter_(pack) {}

  bool evaluate(std::string_view record, size_t /*capacity*/, uint64_t* matched,
                std::string& error) override {
    error.clear();
    interpreter_.evaluate(record, matched, error);
    return error.empty();
  }

  const tb_value* slots() const override { return interpreter_.slots().data(); }

 private:
  Interpreter interpreter_;
};

}  // namespace

std::unique_ptr<runtime::RecordEvaluator> make_interp_evaluator(const check::CheckedPack& pack) {
  return std::make_unique<InterpEvaluator>(pack);
}

}  // namespace tb::interp
