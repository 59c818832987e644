// The structure of generated packs: files, definitions, runbooks, queries and the logic that
// joins leaves (runbook_leaves.cpp).
#include "tests/unit/compiler/random_runbook.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "tests/unit/compiler/runbook_writer.h"

namespace tb::testing {

semantics::Instant generated_now() {
  static const semantics::Instant now = *semantics::parse_instant("2026-03-01T12:00:00Z");
  return now;
}

std::string GeneratedPack::listing() const {
  std::string out;
  for (const auto& [name, value] : params) out += "--param " + name + "=" + value + "\n";
  for (const auto& [path, text] : sources) out += "==> " + path + " <==\n" + text;
  return out;
}

GeneratedPack generate_pack(Rng& rng, size_t runbooks) {
  return gen::PackWriter(rng).pack(runbooks);
}

namespace gen {

namespace {

std::vector<Json> strings(const std::vector<std::string>& texts) {
  std::vector<Json> out;
  for (const std::string& t : texts) out.push_back(Json::string(t));
  return out;
}

// `[a, b, c]`, sometimes with a trailing comma.
std::string list_text(const std::vector<std::string>& items, Rng& rng) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i > 0 ? ", " : "") + items[i];
  return out + (!items.empty() && rng.chance(15) ? ",]" : "]");
}

}  // namespace

GeneratedPack PackWriter::pack(size_t runbooks) {
  const size_t files = runbooks > 1 && rng_.chance(30) ? 2 : 1;
  size_t next = 0;
  for (size_t f = 0; f < files; ++f) {
    scope_.clear();
    std::string text = module_definitions();
    const size_t here = f + 1 == files ? runbooks - next : runbooks / files;
    for (size_t i = 0; i < here; ++i) text += runbook(next++);
    out_.sources.emplace_back(fmt::format("pack{}.tb", f), std::move(text));
  }
  return std::move(out_);
}

std::string PackWriter::module_definitions() {
  std::string text;
  if (rng_.chance(30)) {
    text += "import std.aws\n";
    // What stdlib/lib/aws.tb defines, as far as the generator uses it.
    Definition codes;
    codes.kind = Definition::Kind::StringList;
    codes.name = "access_denied_codes";
    codes.values = strings({"AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
                            "Client.UnauthorizedOperation", "UnauthorizedAccess", "Forbidden"});
    scope_.push_back(codes);
    Definition nets;
    nets.kind = Definition::Kind::CidrList;
    nets.name = "private_networks";
    nets.strings = {"10.0.0.0/8",     "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8",
                    "169.254.0.0/16", "::1/128",       "fc00::/7",       "fe80::/10"};
    scope_.push_back(nets);
    for (const char* name : {"access_denied", "root_activity", "failed_console_login"}) {
      Definition p;
      p.kind = Definition::Kind::Predicate;
      p.name = name;
      scope_.push_back(p);
    }
    for (const Json& code : codes.values) out_.vocabulary.add({"errorCode"}, code);
    out_.vocabulary.add_string({"userIdentity", "type"}, "Root");
    out_.vocabulary.add_string({"eventName"}, "ConsoleLogin");
    out_.vocabulary.add_string({"responseElements", "ConsoleLogin"}, "Failure");
  }
  const size_t n = rng_.below(7);
  for (size_t i = 0; i < n; ++i) text += definition();
  return text;
}

// One parameter, list or predicate, added to the scope.
std::string PackWriter::definition() {
  using K = Definition::Kind;
  Definition d;
  d.name = fmt::format("d{}_", names_++);
  std::string text;
  auto number_param = [&](const std::string& literal) {
    const bool integral = literal.find_first_of(".e") == std::string::npos;
    const char* type = integral && rng_.chance(50) ? "int" : "number";
    text = fmt::format("param {}: {} = {}\n", d.name, type, literal);
    std::string value = literal;
    if (rng_.chance(15)) {
      value = rng_.pick(number_literals());
      if (std::string(type) == "int" && value.find_first_of(".e") != std::string::npos) {
        value = "7";
      }
      out_.params[d.name] = value;
    }
    d.values = number_variants(value);
  };
  switch (rng_.below(12)) {
    case 0: {
      d.kind = K::StringParam;
      std::string value = rng_.pick(words());
      text = fmt::format("param {}: string = {}\n", d.name, tb_string(value, rng_));
      if (rng_.chance(15)) {
        value = rng_.pick(words());
        out_.params[d.name] = value;  // --param takes the text as it is
      }
      d.values = {Json::string(value)};
      break;
    }
    case 1:
      d.kind = K::NumberParam;
      number_param(rng_.pick(number_literals()));
      break;
    case 2: {
      d.kind = K::BoolParam;
      const bool b = rng_.chance(50);
      text = fmt::format("param {}: bool = {}\n", d.name, b ? "true" : "false");
      d.values = {Json::boolean(b)};
      break;
    }
    case 3: {
      d.kind = K::WindowParam;
      const std::string& duration = rng_.pick(duration_literals());
      text = fmt::format("param {}: duration = {}\n", d.name, duration);
      d.instant =
          semantics::add_seconds(generated_now(), -*semantics::parse_duration_seconds(duration));
      break;
    }
    case 4: {
      d.kind = K::TimeParam;
      const std::string& at = rng_.pick(timestamp_literals());
      text = fmt::format("param {}: timestamp = {}\n", d.name, at);
      d.instant = *semantics::parse_instant(at);
      break;
    }
    case 5:
    case 6: {
      d.kind = K::CidrParam;
      const size_t n = rng_.chance(50) ? 1 : 1 + rng_.below(3);
      std::vector<std::string> written;
      for (size_t i = 0; i < n; ++i) {
        d.strings.push_back(rng_.pick(cidr_cases()).prefix);
        written.push_back(tb_string(d.strings.back(), rng_));
      }
      if (n == 1 && rng_.chance(50)) {
        text = fmt::format("param {}: cidr = {}\n", d.name, written[0]);
      } else if (rng_.chance(50)) {
        text = fmt::format("param {}: list<cidr> = {}\n", d.name, list_text(written, rng_));
      } else {
        d.kind = K::CidrList;
        text = fmt::format("list {} = {}\n", d.name, list_text(written, rng_));
      }
      break;
    }
    case 7:
    case 8: {
      d.kind = K::StringList;
      std::vector<std::string> written;
      const size_t n = rng_.below(4);
      for (size_t i = 0; i < n; ++i) {
        const std::string& w = rng_.pick(words());
        d.values.push_back(Json::string(w));
        written.push_back(tb_string(w, rng_));
      }
      if (rng_.chance(50)) {
        text = fmt::format("list {} = {}\n", d.name, list_text(written, rng_));
        break;
      }
      text = fmt::format("param {}: list<string> = {}\n", d.name, list_text(written, rng_));
      if (rng_.chance(20)) {  // --param gives the items, comma-separated
        std::string items;
        d.values.clear();
        const size_t items_n = 1 + rng_.below(3);
        for (size_t i = 0; i < items_n; ++i) {
          const std::string w = "over" + rng_.pick(words());  // never empty
          d.values.push_back(Json::string(w));
          items += (i > 0 ? "," : "") + w;
        }
        out_.params[d.name] = items;
      }
      break;
    }
    case 9: {
      d.kind = K::MixedList;
      std::vector<std::string> written;
      const size_t n = 1 + rng_.below(4);
      for (size_t i = 0; i < n; ++i) {
        switch (rng_.below(4)) {
          case 0: {
            const std::string& w = rng_.pick(words());
            d.values.push_back(Json::string(w));
            written.push_back(tb_string(w, rng_));
            break;
          }
          case 1: {
            const std::string& lit = rng_.pick(number_literals());
            for (Json& v : number_variants(lit)) d.values.push_back(std::move(v));
            written.push_back(lit);
            break;
          }
          case 2:
            d.values.push_back(Json::boolean(true));
            written.push_back("true");
            break;
          default:
            d.values.push_back(Json::null());
            written.push_back("null");
        }
      }
      text = fmt::format("list {} = {}\n", d.name, list_text(written, rng_));
      break;
    }
    default: {
      switch (rng_.below(5)) {
        case 0:
          d.kind = K::FieldPredicate;
          text = fmt::format("predicate {}(f, v) = f == v or f istartswith v\n", d.name);
          break;
        case 1:
          d.kind = K::RangePredicate;
          text = fmt::format("predicate {}(x, lo, hi) = x >= lo and x < hi\n", d.name);
          break;
        case 2:
          d.kind = K::IdentityPredicate;
          text = fmt::format("predicate {}(o) = o.type == \"Root\" or o.arn endswith \":root\"\n",
                             d.name);
          break;
        default: {
          d.kind = K::Predicate;
          quantifier_used_ = false;
          const std::string body = predicate(2);
          d.has_quantifier = quantifier_used_;
          text = fmt::format("predicate {} =\n    {}\n", d.name, body);
        }
      }
    }
  }
  scope_.push_back(std::move(d));
  return text;
}

std::string PackWriter::runbook(size_t index) {
  static const std::vector<std::string> kSeverities = {"info", "low", "medium", "high", "critical"};
  std::string text =
      fmt::format("runbook rb{} {{\n  title {}\n  severity {}\n", index,
                  tb_string(fmt::format("Runbook {}", index), rng_), rng_.pick(kSeverities));
  if (rng_.chance(20)) text += "  tags [\"generated\", \"differential\"]\n";
  const size_t outer = scope_.size();
  if (rng_.chance(25)) text += "  " + definition();
  auto select = [&] {
    if (!rng_.chance(40)) return std::string();
    std::vector<size_t> picked;
    const size_t n = 1 + rng_.below(3);
    for (size_t i = 0; i < n; ++i) {
      const size_t f = rng_.below(record_fields().size());
      if (std::find(picked.begin(), picked.end(), f) == picked.end()) picked.push_back(f);
    }
    std::string out = "select ";
    for (size_t i = 0; i < picked.size(); ++i) {
      const std::string& tb = record_fields()[picked[i]].tb;
      out += (i > 0 ? ", " : "") + tb;
      // A column is named by its dotted path, which is the same for additionalEventData.`a.b`
      // and additionalEventData.a.b; a name of its own keeps the two apart.
      if (rng_.chance(30) || tb.find('`') != std::string::npos) out += fmt::format(" as c{}", i);
    }
    return out;
  };
  text += "  where " + predicate(3) + "\n";
  if (const std::string s = select(); !s.empty()) text += "  " + s + "\n";
  const size_t queries = rng_.below(4);
  for (size_t q = 0; q < queries; ++q) {
    text += fmt::format("  query q{} {{\n    where {}\n", q, predicate(3));
    if (const std::string s = select(); !s.empty()) text += "    " + s + "\n";
    text += "  }\n";
  }
  scope_.erase(scope_.begin() + static_cast<long>(outer), scope_.end());
  return text + "}\n";
}

std::string PackWriter::predicate(int depth) {
  if (depth <= 0 || rng_.chance(25)) {
    const size_t roll = rng_.below(100);
    if (roll < 10 && lambda_array_ == nullptr) return quantifier();
    if (roll < 18) return call();
    if (roll < 19) return rng_.chance(50) ? "true" : "false";
    return leaf();
  }
  auto sub = [&] { return predicate(depth - 1); };
  switch (rng_.below(10)) {
    case 0:
    case 1:
    case 2:
      return "(" + sub() + " and " + sub() + ")";
    case 3:
    case 4:
    case 5:
      return "(" + sub() + " or " + sub() + ")";
    case 6:
      return "not (" + sub() + ")";
    case 7:
      return "not " + leaf();  // `not` binds tighter than `and`
    default:
      return "(" + sub() + " or " + sub() + " and " + sub() + ")";  // `and` before `or`
  }
}

std::string PackWriter::quantifier() {
  static const std::vector<std::string> kParams = {"r", "el", "it"};
  const ArrayField& array = rng_.pick(array_fields());
  lambda_array_ = &array;
  lambda_param_ = rng_.pick(kParams);
  quantifier_used_ = true;
  const std::string body = predicate(2);
  lambda_array_ = nullptr;
  // Records get such arrays even when the lambda reads only record fields.
  JsonPath element = array.json;
  element.push_back(kEach);
  element.push_back("id");
  out_.vocabulary.touch(element);
  return fmt::format("{}({}, {} => {})", rng_.chance(50) ? "any" : "all", array.tb, lambda_param_,
                     body);
}

const Definition* PackWriter::find(Definition::Kind kind, const Subject* equal_to) {
  std::vector<const Definition*> found;
  for (const Definition& d : scope_) {
    if (d.kind != kind) continue;
    if (kind == Definition::Kind::Predicate && d.has_quantifier && lambda_array_ != nullptr) {
      continue;  // any/all may not nest
    }
    if (equal_to != nullptr && std::any_of(d.values.begin(), d.values.end(), [&](const Json& v) {
          return v.kind == Json::Kind::String && !may_equal(*equal_to, v.text);
        })) {
      continue;
    }
    found.push_back(&d);
  }
  return found.empty() ? nullptr : found[rng_.below(found.size())];
}

// The checker rejects comparing eventName with a name shaped like an event (PutRolePolicy) that
// no AWS service records (TB3030): such a test could never hold.
bool PackWriter::may_equal(const Subject& s, const std::string& text) const {
  static const std::vector<std::string> kEvents = {"GetObject", "PutRolePolicy", "ConsoleLogin",
                                                   "AssumeRole"};
  if (s.mapped || s.json != JsonPath{"eventName"}) return true;
  const bool shaped = text.size() >= 2 && std::isupper(static_cast<unsigned char>(text[0])) &&
                      std::islower(static_cast<unsigned char>(text[1])) &&
                      std::all_of(text.begin(), text.end(), [](char c) {
                        return std::isalnum(static_cast<unsigned char>(c));
                      });
  return !shaped || std::find(kEvents.begin(), kEvents.end(), text) != kEvents.end();
}

const std::string& PackWriter::word_for(const Subject& s) {
  for (;;) {
    const std::string& w = rng_.pick(words());
    if (may_equal(s, w)) return w;
  }
}

// A named predicate, called with arguments that fit it.
std::string PackWriter::call() {
  using K = Definition::Kind;
  static const std::vector<K> kKinds = {K::Predicate, K::FieldPredicate, K::RangePredicate,
                                        K::IdentityPredicate};
  const Definition* d = find(rng_.pick(kKinds));
  if (d == nullptr) return leaf();
  switch (d->kind) {
    case K::FieldPredicate: {
      for (int attempt = 0; attempt < 10; ++attempt) {
        const Subject s = subject();
        if (s.type == Type::Enum || s.type == Type::Boolean || s.type == Type::Number ||
            s.type == Type::Whole) {
          continue;
        }
        const std::string& v = word_for(s);
        favour_string(s, v, true);
        return fmt::format("{}({}, {})", d->name, s.tb, tb_string(v, rng_));
      }
      return leaf();
    }
    case K::RangePredicate: {
      for (int attempt = 0; attempt < 10; ++attempt) {
        const Subject s = subject();
        if (s.type != Type::Number && s.type != Type::Dynamic && s.type != Type::Any) continue;
        const std::string& lo = rng_.pick(number_literals());
        const std::string& hi = rng_.pick(number_literals());
        favour(s, lo);
        favour(s, hi);
        return fmt::format("{}({}, {}, {})", d->name, s.tb, lo, hi);
      }
      return leaf();
    }
    case K::IdentityPredicate: {
      const JsonPath who = rng_.chance(60)
                               ? JsonPath{"userIdentity"}
                               : JsonPath{"userIdentity", "sessionContext", "sessionIssuer"};
      std::string tb = who[0];
      for (size_t i = 1; i < who.size(); ++i) tb += "." + who[i];
      JsonPath type = who, arn = who;
      type.push_back("type");
      arn.push_back("arn");
      for (const char* t : {"Root", "IAMUser", "root"}) out_.vocabulary.add_string(type, t);
      for (const char* a : {"arn:aws:iam::123456789012:root", ":root", "x:ROOT", ""}) {
        out_.vocabulary.add_string(arn, a);
      }
      return fmt::format("{}({})", d->name, tb);
    }
    default:
      return rng_.chance(50) ? d->name : d->name + "()";
  }
}

PackWriter::Subject PackWriter::subject() {
  Subject s;
  const Field* f = nullptr;
  if (lambda_array_ != nullptr && rng_.chance(75)) {
    f = &rng_.pick(lambda_array_->elements);
    s.tb = f->tb.empty() ? lambda_param_ : lambda_param_ + "." + f->tb;
    s.json = lambda_array_->json;
    s.json.push_back(kEach);
  } else {
    f = &rng_.pick(record_fields());
    s.tb = f->tb;
  }
  s.json.insert(s.json.end(), f->json.begin(), f->json.end());
  s.type = f->type;
  s.enums = &f->enums;
  s.ip = f->ip;
  s.time = f->time;
  out_.vocabulary.touch(s.json);
  return s;
}

}  // namespace gen

}  // namespace tb::testing
