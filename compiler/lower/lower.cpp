#include "compiler/lower/lower.h"

#include <cmath>
#include <cstddef>
#include <functional>

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include "compiler/lower/evaluation_order.h"
#include "compiler/semantics/numeric_compare.h"
#include "runtime/abi/kernel_abi.h"

namespace tb::lower {

namespace {

using check::CmpOp;
using check::Constant;
using check::Operand;
using check::Pred;
using check::PredKind;
using semantics::DoubleVsInt;
using semantics::IntVsDouble;
using semantics::plan_double_vs_int;

// tb_kernel_context is three pointers; the kernel reads `candidates` as the third.
constexpr uint64_t kContextCandidatesField = 2;
static_assert(offsetof(tb_kernel_context, candidates) == kContextCandidatesField * sizeof(void*));
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
    pack_ = &pack;
    auto* fn_type = llvm::FunctionType::get(i32_, {ptr_, ptr_, ptr_}, false);
    fn_ = llvm::Function::Create(fn_type, llvm::Function::ExternalLinkage, kTbPackKernelSymbol,
                                 module_);
    slots_ = fn_->getArg(0);
    slots_->setName("slots");
    llvm::Argument* matched = fn_->getArg(1);
    matched->setName("matched");
    context_ = fn_->getArg(2);
    context_->setName("context");
    fn_->addParamAttr(0, llvm::Attribute::NoAlias);
    fn_->addParamAttr(0, llvm::Attribute::ReadOnly);
    fn_->addParamAttr(1, llvm::Attribute::NoAlias);
    entry_ = llvm::BasicBlock::Create(ctx_, "entry", fn_);
    b_.SetInsertPoint(entry_);

    const uint32_t words = (pack.query_count + 63) / 64;
    std::vector<llvm::Value*> word(words, b_.getInt64(0));
    const std::vector<llvm::Value*> candidates = candidate_words(words);
    for (const check::CheckedRunbook& rb : pack.runbooks) {
      for (const check::CheckedQuery& q : rb.queries) {
        llvm::Value* candidate = b_.CreateICmpNE(
            b_.CreateAnd(candidates[q.index / 64], b_.getInt64(uint64_t{1} << (q.index % 64))),
            b_.getInt64(0));
        llvm::Value* hit = b_.CreateZExt(and_then(candidate, [&] { return pred(q.where); }), i64_);
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
  // The context's candidate words (kernel_abi.h), or all ones when it has none.
  std::vector<llvm::Value*> candidate_words(uint32_t words) {
    auto* words_type = llvm::ArrayType::get(i64_, words);
    auto* all = new llvm::GlobalVariable(
        module_, words_type, /*isConstant=*/true, llvm::GlobalValue::PrivateLinkage,
        llvm::ConstantArray::get(words_type,
                                 std::vector<llvm::Constant*>(words, b_.getInt64(~uint64_t{0}))),
        "all_candidates");
    // A kernel may be called without a context (a pack with no objects, in tests).
    llvm::Value* null = llvm::ConstantPointerNull::get(ptr_);
    llvm::BasicBlock* from = b_.GetInsertBlock();
    auto* load_bb = llvm::BasicBlock::Create(ctx_, "candidates.load", fn_);
    auto* done_bb = llvm::BasicBlock::Create(ctx_, "candidates.done", fn_);
    b_.CreateCondBr(b_.CreateICmpEQ(context_, null), done_bb, load_bb);
    b_.SetInsertPoint(load_bb);
    llvm::Value* loaded = b_.CreateLoad(
        ptr_, b_.CreateConstGEP1_64(ptr_, context_, kContextCandidatesField), "candidates");
    b_.CreateBr(done_bb);
    b_.SetInsertPoint(done_bb);
    llvm::PHINode* given = b_.CreatePHI(ptr_, 2);
    given->addIncoming(null, from);
    given->addIncoming(loaded, load_bb);
    llvm::Value* table = b_.CreateSelect(b_.CreateICmpEQ(given, null), all, given);
    std::vector<llvm::Value*> out;
    for (uint32_t w = 0; w < words; ++w) {
      out.push_back(b_.CreateLoad(i64_, b_.CreateConstGEP1_64(i64_, table, w)));
    }
    return out;
  }

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

  // An n-ary and/or: each child that decides the result (false for and, true for or) jumps
  // straight to one exit block, so a chain of thousands of conditions is one linear run of
  // blocks and one phi, not a nest of phis that the optimiser would walk quadratically.
  llvm::Value* junction(const std::vector<Pred>& children, bool is_and) {
    if (children.empty()) return b_.getInt1(is_and);
    auto* done = llvm::BasicBlock::Create(ctx_, is_and ? "and.end" : "or.end", fn_);
    std::vector<std::pair<llvm::Value*, llvm::BasicBlock*>> incoming;
    const std::vector<size_t> order = evaluation_order(children);
    for (size_t i = 0; i + 1 < children.size(); ++i) {
      llvm::Value* r = pred(children[order[i]]);
      auto* next = llvm::BasicBlock::Create(ctx_, is_and ? "and.next" : "or.next", fn_);
      incoming.emplace_back(b_.getInt1(!is_and), b_.GetInsertBlock());
      if (is_and) {
        b_.CreateCondBr(r, next, done);
      } else {
        b_.CreateCondBr(r, done, next);
      }
      b_.SetInsertPoint(next);
    }
    llvm::Value* last = pred(children[order.back()]);
    incoming.emplace_back(last, b_.GetInsertBlock());
    b_.CreateBr(done);
    b_.SetInsertPoint(done);
    llvm::PHINode* phi = b_.CreatePHI(i1_, static_cast<unsigned>(incoming.size()));
    for (const auto& [value, block] : incoming) phi->addIncoming(value, block);
    return phi;
  }

  // A stack slot in the entry block, so that loops do not grow the stack.
  llvm::Value* entry_alloca(llvm::Type* type, const char* name) {
    llvm::IRBuilder<> at(entry_, entry_->begin());
    return at.CreateAlloca(type, nullptr, name);
  }

  // ---- Values ---------------------------------------------------------------------------
  // A pointer to the tb_value an operand denotes.
  llvm::Value* operand(const Operand& o) {
    switch (o.kind) {
      case Operand::Kind::Field:
        return b_.CreateConstGEP1_64(value_type_, slots_, o.slot);
      case Operand::Kind::Element:
        return b_.CreateConstGEP1_64(value_type_, element_base_, o.slot);
      case Operand::Kind::MapCase: {
        llvm::Value* in = operand(o.args[0]);
        llvm::Value* out = entry_alloca(value_type_, "mapped");
        b_.CreateCall(host("tb_host_map_case", b_.getVoidTy(), {i32_, ptr_, ptr_, ptr_}),
                      {b_.getInt32(o.to_upper ? 1 : 0), in, out, context_});
        return out;
      }
      case Operand::Kind::Constant:
        break;
    }
    return nullptr;  // constants are handled by the predicates that take them
  }
  llvm::Value* member(llvm::Value* v, unsigned index) {
    return b_.CreateStructGEP(value_type_, v, index);
  }
  llvm::Value* kind(llvm::Value* v) { return b_.CreateLoad(i32_, member(v, 0), "kind"); }
  llvm::Value* len(llvm::Value* v) { return b_.CreateLoad(i32_, member(v, 1), "len"); }
  llvm::Value* payload(llvm::Value* v, llvm::Type* type) {
    return b_.CreateLoad(type, member(v, 2));
  }
  llvm::Value* kind_is(llvm::Value* v, tb_kind k) {
    return b_.CreateICmpEQ(kind(v), b_.getInt32(k));
  }
  // Present and not null (semantics R3: what negated operators require).
  llvm::Value* has_value(llvm::Value* v) { return b_.CreateICmpUGE(kind(v), b_.getInt32(TB_BOOL)); }
  // The negated form of a test: the value must be there, and the test false (R3).
  llvm::Value* negate_if(bool negated, llvm::Value* v, const std::function<llvm::Value*()>& test) {
    if (!negated) return test();
    return and_then(has_value(v), [&] { return b_.CreateNot(test()); });
  }
  llvm::Value* object(uint32_t index) {
    llvm::Value* table = b_.CreateLoad(ptr_, context_, "objects");
    return b_.CreateLoad(ptr_, b_.CreateConstGEP1_64(ptr_, table, index));
  }
  llvm::Value* string_call(llvm::Value* v, const std::function<llvm::Value*()>& call) {
    return and_then(kind_is(v, TB_STRING), call);
  }

  // ---- Predicates -----------------------------------------------------------------------
  llvm::Value* pred(const Pred& p) {
    switch (p.kind) {
      case PredKind::Const:
        return b_.getInt1(p.const_value);
      case PredKind::And:
      case PredKind::Or:
        return junction(p.children, p.kind == PredKind::And);
      case PredKind::Not:
        return b_.CreateNot(pred(p.children[0]));
      case PredKind::Compare:
        return compare(p);
      case PredKind::In: {
        llvm::Value* v = operand(p.left);
        return negate_if(p.negated, v, [&] {
          llvm::Value* r = b_.getInt1(false);
          for (const Constant& c : p.values) r = or_else(r, [&] { return equals(v, c); });
          return r;
        });
      }
      case PredKind::StringTest: {
        llvm::Value* v = operand(p.left);
        return negate_if(p.negated, v, [&] {
          return string_call(v, [&] {
            llvm::Value* r =
                b_.CreateCall(host("tb_host_string_test", i32_, {i32_, ptr_, i64_, ptr_, i64_}),
                              {b_.getInt32(p.test), payload(v, ptr_), b_.CreateZExt(len(v), i64_),
                               string_constant(p.needle), b_.getInt64(p.needle.size())});
            return b_.CreateICmpNE(r, b_.getInt32(0));
          });
        });
      }
      case PredKind::Regex:
      case PredKind::Cidr: {
        llvm::Value* v = operand(p.left);
        const char* fn = p.kind == PredKind::Regex ? "tb_host_regex_match" : "tb_host_cidr_match";
        return negate_if(p.negated, v, [&] {
          return string_call(v, [&] {
            llvm::Value* r =
                b_.CreateCall(host(fn, i32_, {ptr_, ptr_, i64_}),
                              {object(p.object), payload(v, ptr_), b_.CreateZExt(len(v), i64_)});
            return b_.CreateICmpNE(r, b_.getInt32(0));
          });
        });
      }
      case PredKind::Time: {
        llvm::Value* v = operand(p.left);
        return string_call(v, [&] {
          llvm::Value* order = entry_alloca(i32_, "order");
          llvm::Value* ok = b_.CreateCall(
              host("tb_host_time_compare", i32_, {ptr_, i64_, ptr_, ptr_}),
              {payload(v, ptr_), b_.CreateZExt(len(v), i64_), object(p.object), order});
          return and_then(b_.CreateICmpNE(ok, b_.getInt32(0)), [&] {
            return int_compare(p.op, b_.CreateLoad(i32_, order), b_.getInt32(0));
          });
        });
      }
      case PredKind::IsNull: {
        llvm::Value* v = operand(p.left);
        return p.negated ? has_value(v) : kind_is(v, TB_NULL);
      }
      case PredKind::IsMissing: {
        llvm::Value* v = operand(p.left);
        llvm::Value* missing = kind_is(v, TB_MISSING);
        return p.negated ? b_.CreateNot(missing) : missing;
      }
      case PredKind::Any:
      case PredKind::All:
        return quantifier(p);
    }
    return b_.getInt1(false);
  }

  // any/all: a loop over the element slot's elements (semantics R10).
  llvm::Value* quantifier(const Pred& p) {
    const bool is_any = p.kind == PredKind::Any;
    const auto width = static_cast<uint64_t>(pack_->fields[p.slot].element_fields.size());
    llvm::Value* array = b_.CreateConstGEP1_64(value_type_, slots_, p.slot);
    return and_then(kind_is(array, TB_ARRAY), [&]() -> llvm::Value* {
      llvm::Value* count = b_.CreateZExt(len(array), i64_);
      llvm::Value* elems = payload(array, ptr_);
      llvm::BasicBlock* pre = b_.GetInsertBlock();
      auto* head = llvm::BasicBlock::Create(ctx_, "q.head", fn_);
      auto* body = llvm::BasicBlock::Create(ctx_, "q.body", fn_);
      auto* next = llvm::BasicBlock::Create(ctx_, "q.next", fn_);
      auto* done = llvm::BasicBlock::Create(ctx_, "q.done", fn_);
      b_.CreateBr(head);
      b_.SetInsertPoint(head);
      llvm::PHINode* i = b_.CreatePHI(i64_, 2, "i");
      i->addIncoming(b_.getInt64(0), pre);
      b_.CreateCondBr(b_.CreateICmpULT(i, count), body, done);
      b_.SetInsertPoint(body);
      llvm::Value* saved = element_base_;
      element_base_ = b_.CreateGEP(value_type_, elems, b_.CreateMul(i, b_.getInt64(width)));
      llvm::Value* holds = pred(p.children[0]);
      element_base_ = saved;
      llvm::BasicBlock* body_end = b_.GetInsertBlock();
      // any stops at the first element that holds; all at the first that does not.
      b_.CreateCondBr(holds, is_any ? done : next, is_any ? next : done);
      b_.SetInsertPoint(next);
      i->addIncoming(b_.CreateAdd(i, b_.getInt64(1)), next);
      b_.CreateBr(head);
      b_.SetInsertPoint(done);
      llvm::PHINode* result = b_.CreatePHI(i1_, 2);
      result->addIncoming(b_.getInt1(!is_any), head);  // ran out of elements
      result->addIncoming(b_.getInt1(is_any), body_end);
      return result;
    });
  }

  llvm::Value* compare(const Pred& p) {
    llvm::Value* v = operand(p.left);
    if (p.right.kind != Operand::Kind::Constant) {
      llvm::Value* w = operand(p.right);
      llvm::Value* r = b_.CreateCall(host("tb_host_compare_values", i32_, {ptr_, ptr_, i32_}),
                                     {v, w, b_.getInt32(static_cast<uint32_t>(p.op))});
      return b_.CreateICmpNE(r, b_.getInt32(0));
    }
    const Constant& c = p.right.constant;
    if (p.op == CmpOp::Ne) {
      return and_then(has_value(v), [&] { return b_.CreateNot(equals(v, c)); });
    }
    if (p.op == CmpOp::Eq) return equals(v, c);
    return order(v, p.op, c);
  }

  // Type-strict equality with a constant (semantics R4).
  llvm::Value* equals(llvm::Value* v, const Constant& c) {
    switch (c.kind) {
      case Constant::Kind::String:
        return string_equals(v, c.string_value);
      case Constant::Kind::Int:
      case Constant::Kind::Float:
        return numeric(v, CmpOp::Eq, c);
      case Constant::Kind::Bool:
        return b_.CreateAnd(kind_is(v, TB_BOOL),
                            b_.CreateICmpEQ(payload(v, i64_), b_.getInt64(c.bool_value)));
      case Constant::Kind::Null:
        return kind_is(v, TB_NULL);
      default:
        return b_.getInt1(false);  // timestamps and durations are compared elsewhere
    }
  }

  llvm::Value* string_equals(llvm::Value* v, const std::string& s) {
    llvm::Value* shape =
        b_.CreateAnd(kind_is(v, TB_STRING), b_.CreateICmpEQ(len(v), b_.getInt32(s.size())));
    if (s.empty()) return shape;
    return and_then(shape, [&] {
      llvm::Value* cmp =
          b_.CreateCall(memcmp(), {payload(v, ptr_), string_constant(s), b_.getInt64(s.size())});
      return b_.CreateICmpEQ(cmp, b_.getInt32(0));
    });
  }

  // `<`, `<=`, `>`, `>=`: numbers by value; a string constant compares the text (timestamps).
  llvm::Value* order(llvm::Value* v, CmpOp op, const Constant& c) {
    if (c.kind != Constant::Kind::String) return numeric(v, op, c);
    return and_then(kind_is(v, TB_STRING), [&] {
      llvm::Value* cmp = b_.CreateCall(
          compare_bytes(), {payload(v, ptr_), b_.CreateZExt(len(v), i64_),
                            string_constant(c.string_value), b_.getInt64(c.string_value.size())});
      return int_compare(op, cmp, b_.getInt32(0));
    });
  }

  // Exact comparison of an int64 or double value with an integer or float constant (R5).
  llvm::Value* numeric(llvm::Value* v, CmpOp op, const Constant& c) {
    llvm::Value* as_int = nullptr;
    llvm::Value* as_double = nullptr;
    if (c.kind == Constant::Kind::Int) {
      as_int = int_compare(op, payload(v, i64_), b_.getInt64(c.int_value));
      const DoubleVsInt plan = plan_double_vs_int(op, c.int_value);
      as_double = plan.always ? b_.getInt1(*plan.always)
                              : double_compare(plan.op, payload(v, b_.getDoubleTy()), plan.bound);
    } else {
      const IntVsDouble plan = plan_int_vs_double(op, c.float_value);
      as_int = plan.always ? b_.getInt1(*plan.always)
                           : int_compare(plan.op, payload(v, i64_), b_.getInt64(plan.bound));
      as_double = double_compare(op, payload(v, b_.getDoubleTy()), c.float_value);
    }
    return b_.CreateOr(b_.CreateAnd(kind_is(v, TB_INT), as_int),
                       b_.CreateAnd(kind_is(v, TB_DOUBLE), as_double));
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
  llvm::FunctionCallee host(const char* name, llvm::Type* result,
                            llvm::ArrayRef<llvm::Type*> args) {
    return module_.getOrInsertFunction(name, llvm::FunctionType::get(result, args, false));
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
  llvm::Value* context_ = nullptr;
  llvm::BasicBlock* entry_ = nullptr;
  llvm::Value* element_base_ = nullptr;  // the current element's fields, inside any/all
  const check::CheckedPack* pack_ = nullptr;
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
