#pragma once
// JUnit XML for CI systems (`trailbook test --junit FILE`): one testsuite per runbook file, one
// testcase per embedded test, a failure element with every reason it failed.
#include <string>
#include <vector>

#include "compiler/driver/test_runner.h"

namespace tb::cli {

std::string junit_xml(const std::vector<driver::FileTestResult>& files);

}  // namespace tb::cli
