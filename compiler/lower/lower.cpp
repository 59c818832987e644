#include "compiler/lower/lower.h"

#include <cmath>
#include <functional>

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include "compiler/semantics/numeric_compare.h"
#include "runtime/abi/kernel_abi.h"

namespace tb::lower {

namespace {

using check::CmpOp;
using check::Constant;
using check::Pred;
using check::PredKind;
using semantics::DoubleVsInt;
using semantics::IntVsDouble;
using semantics::plan_double_vs_int;
using semantics::plan_int_vs_double;

class KernelBuilder {
 public:
  KernelBuilder(llvm::LLVMContext& ctx, llvm::Module& module)
      : ctx_(ctx), module_(module), b_(ctx) {
    i1_ = b_.getInt1Ty();
    i32_ = b_.getInt32Ty();
    i64_ = b_.getInt64Ty();
    ptr_ = b_.getPtrTy();
    value_type_ = llvm::StructType::create(ctx, {i32_, i32_, i64_}, "tb_value");
  }

  void build(const check::CheckedPack& pack) {
    auto* fn_type = llvm::FunctionType::get(i32_, {ptr_, ptr_, ptr_}, false);
    fn_ = llvm::Function::Create(fn_type, llvm::Function::ExternalLinkage, kTbPackKernelSymbol,
                                 module_);
    slots_ = fn_->getArg(0);
    slots_->setName("slots");
    llvm::Argument* matched = fn_->getArg(1);
    matched->setName("matched");
    fn_->addParamAttr(0, llvm::Attribute::NoAlias);
    fn_->addParamAttr(0, llvm::Attribute::ReadOnly);
    fn_->addParamAttr(1, llvm::Attribute::NoAlias);
    b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", fn_));

    const uint32_t words = (pack.query_count + 63) / 64;
    std::vector<llvm::Value*> word(words, b_.getInt64(0));
    for (const check::CheckedRunbook& rb : pack.runbooks) {
      for (const check::CheckedQuery& q : rb.queries) {
        llvm::Value* hit = b_.CreateZExt(pred(q.where), i64_);
        llvm::Value* bit = b_.CreateShl(hit, q.index % 64);
        word[q.index / 64] = b_.CreateOr(word[q.index / 64], bit);
      }
    }
    llvm::Value* any = b_.getInt64(0);
    for (uint32_t w = 0; w < words; ++w) {
      b_.CreateStore(word[w], b_.CreateConstGEP1_64(i64_, matched, w));
      any = b_.CreateOr(any, word[w]);
    }
    b_.CreateRet(b_.CreateZExt(b_.CreateICmpNE(any, b_.getInt64(0)), i32_));
  }

 private:
  // ---- Control flow ---------------------------------------------------------------------
  // `cond && rhs()`, evaluating rhs only when cond holds.
  llvm::Value* and_then(llvm::Value* cond, const std::function<llvm::Value*()>& rhs) {
    return short_circuit(cond, rhs, /*is_and=*/true);
  }
  llvm::Value* or_else(llvm::Value* cond, const std::function<llvm::Value*()>& rhs) {
    return short_circuit(cond, rhs, /*is_and=*/false);
  }
  llvm::Value* short_circuit(llvm::Value* cond, const std::function<llvm::Value*()>& rhs,
                             bool is_and) {
    llvm::BasicBlock* from = b_.GetInsertBlock();
    auto* rhs_bb = llvm::BasicBlock::Create(ctx_, is_and ? "and.rhs" : "or.rhs", fn_);
    auto* merge_bb = llvm::BasicBlock::Create(ctx_, is_and ? "and.end" : "or.end", fn_);
    if (is_and)
      b_.CreateCondBr(cond, rhs_bb, merge_bb);
    else
      b_.CreateCondBr(cond, merge_bb, rhs_bb);
    b_.SetInsertPoint(rhs_bb);
    llvm::Value* r = rhs();
    llvm::BasicBlock* rhs_end = b_.GetInsertBlock();
    b_.CreateBr(merge_bb);
    b_.SetInsertPoint(merge_bb);
    llvm::PHINode* phi = b_.CreatePHI(i1_, 2);
    phi->addIncoming(b_.getInt1(!is_and), from);
    phi->addIncoming(r, rhs_end);
    return phi;
  }

  // ---- Field loads ----------------------------------------------------------------------
  llvm::Value* field_ptr(uint32_t slot, unsigned member) {
    return b_.CreateStructGEP(value_type_, b_.CreateConstGEP1_64(value_type_, slots_, slot),
                              member);
  }
  llvm::Value* kind(uint32_t slot) { return b_.CreateLoad(i32_, field_ptr(slot, 0), "kind"); }
  llvm::Value* len(uint32_t slot) { return b_.CreateLoad(i32_, field_ptr(slot, 1), "len"); }
  llvm::Value* payload(uint32_t slot, llvm::Type* type) {
    return b_.CreateLoad(type, field_ptr(slot, 2));
  }
  llvm::Value* kind_is(uint32_t slot, tb_kind k) {
    return b_.CreateICmpEQ(kind(slot), b_.getInt32(k));
  }
  // Present and not null (semantics R3: what negated operators require).
  llvm::Value* has_value(uint32_t slot) {
    return b_.CreateICmpUGE(kind(slot), b_.getInt32(TB_BOOL));
  }

  // ---- Predicates -----------------------------------------------------------------------
  llvm::Value* pred(const Pred& p) {
    switch (p.kind) {
      case PredKind::Const:
        return b_.getInt1(p.const_value);
      case PredKind::And:
        return and_then(pred(p.children[0]), [&] { return pred(p.children[1]); });
      case PredKind::Or:
        return or_else(pred(p.children[0]), [&] { return pred(p.children[1]); });
      case PredKind::Not:
        return b_.CreateNot(pred(p.children[0]));
      case PredKind::Compare:
        if (p.op == CmpOp::Ne) {
          return and_then(has_value(p.slot), [&] { return b_.CreateNot(equals(p.slot, p.value)); });
        }
        if (p.op == CmpOp::Eq) return equals(p.slot, p.value);
        return order(p.slot, p.op, p.value);
      case PredKind::In: {
        auto any_equal = [&]() -> llvm::Value* {
          llvm::Value* r = b_.getInt1(false);
          for (const Constant& c : p.values) {
            r = or_else(r, [&] { return equals(p.slot, c); });
          }
          return r;
        };
        if (!p.negated) return any_equal();
        return and_then(has_value(p.slot), [&] { return b_.CreateNot(any_equal()); });
      }
    }
    return b_.getInt1(false);
  }

  // Type-strict equality with a constant (semantics R4).
  llvm::Value* equals(uint32_t slot, const Constant& c) {
    switch (c.kind) {
      case Constant::Kind::String:
        return string_equals(slot, c.string_value);
      case Constant::Kind::Int:
      case Constant::Kind::Float:
        return numeric(slot, CmpOp::Eq, c);
      case Constant::Kind::Bool:
        return b_.CreateAnd(kind_is(slot, TB_BOOL),
                            b_.CreateICmpEQ(payload(slot, i64_), b_.getInt64(c.bool_value)));
      case Constant::Kind::Null:
        return kind_is(slot, TB_NULL);
    }
    return b_.getInt1(false);
  }

  llvm::Value* string_equals(uint32_t slot, const std::string& s) {
    llvm::Value* shape =
        b_.CreateAnd(kind_is(slot, TB_STRING), b_.CreateICmpEQ(len(slot), b_.getInt32(s.size())));
    if (s.empty()) return shape;
    return and_then(shape, [&] {
      llvm::Value* cmp =
          b_.CreateCall(memcmp(), {payload(slot, ptr_), string_constant(s), b_.getInt64(s.size())});
      return b_.CreateICmpEQ(cmp, b_.getInt32(0));
    });
  }

  // `<`, `<=`, `>`, `>=`: numbers by value; a string constant compares the text (timestamps).
  llvm::Value* order(uint32_t slot, CmpOp op, const Constant& c) {
    if (c.kind != Constant::Kind::String) return numeric(slot, op, c);
    return and_then(kind_is(slot, TB_STRING), [&] {
      llvm::Value* cmp = b_.CreateCall(
          compare_bytes(), {payload(slot, ptr_), b_.CreateZExt(len(slot), i64_),
                            string_constant(c.string_value), b_.getInt64(c.string_value.size())});
      return int_compare(op, cmp, b_.getInt32(0));
    });
  }

  // Exact comparison of an int64 or double field with an integer or float constant (R5).
  llvm::Value* numeric(uint32_t slot, CmpOp op, const Constant& c) {
    llvm::Value* as_int = nullptr;
    llvm::Value* as_double = nullptr;
    if (c.kind == Constant::Kind::Int) {
      as_int = int_compare(op, payload(slot, i64_), b_.getInt64(c.int_value));
      const DoubleVsInt plan = plan_double_vs_int(op, c.int_value);
      as_double = plan.always
                      ? b_.getInt1(*plan.always)
                      : double_compare(plan.op, payload(slot, b_.getDoubleTy()), plan.bound);
    } else {
      const IntVsDouble plan = plan_int_vs_double(op, c.float_value);
      as_int = plan.always ? b_.getInt1(*plan.always)
                           : int_compare(plan.op, payload(slot, i64_), b_.getInt64(plan.bound));
      as_double = double_compare(op, payload(slot, b_.getDoubleTy()), c.float_value);
    }
    return b_.CreateOr(b_.CreateAnd(kind_is(slot, TB_INT), as_int),
                       b_.CreateAnd(kind_is(slot, TB_DOUBLE), as_double));
  }

  llvm::Value* int_compare(CmpOp op, llvm::Value* a, llvm::Value* b) {
    switch (op) {
      case CmpOp::Eq:
        return b_.CreateICmpEQ(a, b);
      case CmpOp::Ne:
        return b_.CreateICmpNE(a, b);
      case CmpOp::Lt:
        return b_.CreateICmpSLT(a, b);
      case CmpOp::Le:
        return b_.CreateICmpSLE(a, b);
      case CmpOp::Gt:
        return b_.CreateICmpSGT(a, b);
      case CmpOp::Ge:
        return b_.CreateICmpSGE(a, b);
    }
    return b_.getInt1(false);
  }

  llvm::Value* double_compare(CmpOp op, llvm::Value* a, double constant) {
    llvm::Value* b = llvm::ConstantFP::get(b_.getDoubleTy(), constant);
    switch (op) {
      case CmpOp::Eq:
        return b_.CreateFCmpOEQ(a, b);
      case CmpOp::Ne:
        return b_.CreateFCmpONE(a, b);
      case CmpOp::Lt:
        return b_.CreateFCmpOLT(a, b);
      case CmpOp::Le:
        return b_.CreateFCmpOLE(a, b);
      case CmpOp::Gt:
        return b_.CreateFCmpOGT(a, b);
      case CmpOp::Ge:
        return b_.CreateFCmpOGE(a, b);
    }
    return b_.getInt1(false);
  }

  // ---- Module-level declarations ----------------------------------------------------------
  llvm::Value* string_constant(const std::string& s) {
    return b_.CreateGlobalStringPtr(s, "lit", 0, &module_);
  }
  llvm::FunctionCallee memcmp() {
    return module_.getOrInsertFunction("memcmp", i32_, ptr_, ptr_, i64_);
  }
  llvm::FunctionCallee compare_bytes() {
    return module_.getOrInsertFunction("tb_host_compare_bytes", i32_, ptr_, i64_, ptr_, i64_);
  }

  llvm::LLVMContext& ctx_;
  llvm::Module& module_;
  llvm::IRBuilder<> b_;
  llvm::Type* i1_ = nullptr;
  llvm::Type* i32_ = nullptr;
  llvm::Type* i64_ = nullptr;
  llvm::PointerType* ptr_ = nullptr;
  llvm::StructType* value_type_ = nullptr;
  llvm::Function* fn_ = nullptr;
  llvm::Value* slots_ = nullptr;
};

}  // namespace

LoweredPack lower_pack(const check::CheckedPack& pack) {
  LoweredPack out;
  out.context = std::make_unique<llvm::LLVMContext>();
  out.module = std::make_unique<llvm::Module>("trailbook_pack", *out.context);
  KernelBuilder(*out.context, *out.module).build(pack);
  std::string errors;
  llvm::raw_string_ostream os(errors);
  if (llvm::verifyModule(*out.module, &os)) {
    out.module->print(llvm::errs(), nullptr);
    llvm::errs() << "trailbook: internal error: invalid kernel IR: " << os.str() << "\n";
    std::abort();
  }
  return out;
}

}  // namespace tb::lower
