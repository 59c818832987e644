// The kernel evaluates the children of and/or cheapest first: byte comparisons before string
// scans, before array walks and regexes, ties in written order. (That the order changes no
// result is the differential tests' job: they compare the kernel with the interpreter.)
#include "compiler/lower/evaluation_order.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "compiler/driver/compiler.h"

namespace {

std::vector<size_t> order_of(const std::string& where) {
  tb::driver::Compilation c;
  c.add_source("o.tb", "runbook o { title \"t\" severity low where " + where + " }");
  auto pack = c.check();
  EXPECT_NE(pack, nullptr) << where;
  if (!pack) return {};
  return tb::lower::evaluation_order(pack->runbooks.at(0).queries.at(0).where.children);
}

TEST(EvaluationOrder, CheapestFirstTiesInWrittenOrder) {
  EXPECT_EQ(order_of("eventName matches \"^Delete\" and userAgent icontains \"cli\" and "
                     "eventSource == \"s3.amazonaws.com\" and "
                     "any(resources, r => r.type == \"AWS::S3::Bucket\")"),
            (std::vector<size_t>{2, 1, 3, 0}));
  EXPECT_EQ(order_of("userAgent contains \"a\" or eventName == \"B\" or errorCode == \"C\""),
            (std::vector<size_t>{1, 2, 0}));
  EXPECT_EQ(order_of("lower(userAgent) == \"x\" and userAgent == \"y\""),
            (std::vector<size_t>{1, 0}));
}

}  // namespace
