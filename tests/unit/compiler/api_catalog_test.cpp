// The AWS API catalog (stdlib/catalog/aws_api.json): the loader, its lookups and suggestions,
// and that every (eventSource, eventName) pair of the real logs in ../shared/data is known.
#include "compiler/schema/api_catalog.h"

#include <simdjson.h>

#include <filesystem>
#include <set>
#include <string>
#include <utility>

#include <gtest/gtest.h>

namespace {

using tb::schema::ApiCatalog;

TEST(ApiCatalog, ParsesTheFormat) {
  std::string error;
  auto c = ApiCatalog::parse(R"({"services":{
      "iam.amazonaws.com":{"operations":{"PutRolePolicy":{"roleName":"string"},"GetRole":{}}},
      "signin.amazonaws.com":{"operations":{"ConsoleLogin":null}},
      "x.amazonaws.com":{"operations":{"GetRole":{}}}},
      "verb_synonyms":{"Update":["Put"]}})",
                             error);
  ASSERT_NE(c, nullptr) << error;
  EXPECT_EQ(c->source_count(), 3u);
  EXPECT_EQ(c->event_count(), 3u);
  EXPECT_TRUE(c->has_event("ConsoleLogin"));
  EXPECT_FALSE(c->has_event("consolelogin"));
  EXPECT_TRUE(c->has_source("iam.amazonaws.com"));
  EXPECT_FALSE(c->has_source("iam"));
  EXPECT_TRUE(c->source_has("iam.amazonaws.com", "PutRolePolicy"));
  EXPECT_FALSE(c->source_has("signin.amazonaws.com", "PutRolePolicy"));
  EXPECT_EQ(c->sources_of("GetRole"),
            (std::vector<std::string>{"iam.amazonaws.com", "x.amazonaws.com"}));
  EXPECT_TRUE(c->sources_of("Nope").empty());
  EXPECT_EQ(c->nearest_events("UpdateRolePolicy"), std::vector<std::string>{"PutRolePolicy"});
  EXPECT_EQ(c->nearest_events("ConsoleLogon"), std::vector<std::string>{"ConsoleLogin"});
  EXPECT_EQ(c->nearest_sources("iam.amazonaws.co"), std::vector<std::string>{"iam.amazonaws.com"});
}

TEST(ApiCatalog, RejectsBrokenFiles) {
  std::string error;
  EXPECT_EQ(ApiCatalog::parse("{", error), nullptr);
  EXPECT_NE(error.find("not valid JSON"), std::string::npos) << error;
  EXPECT_EQ(ApiCatalog::parse(R"({"services":[]})", error), nullptr);
  EXPECT_NE(error.find("'services'"), std::string::npos) << error;
  EXPECT_EQ(ApiCatalog::parse(R"({"services":{"a.amazonaws.com":{}}})", error), nullptr);
  EXPECT_NE(error.find("a.amazonaws.com"), std::string::npos) << error;
}

TEST(ApiCatalog, BuiltinKnowsTheServicesRunbooksWatch) {
  const ApiCatalog& c = ApiCatalog::builtin();
  EXPECT_GT(c.source_count(), 300u);
  EXPECT_GT(c.event_count(), 10000u);
  EXPECT_TRUE(c.source_has("iam.amazonaws.com", "PutRolePolicy"));
  EXPECT_TRUE(c.source_has("sts.amazonaws.com", "AssumeRole"));
  EXPECT_TRUE(c.source_has("signin.amazonaws.com", "ConsoleLogin"));
  EXPECT_TRUE(c.source_has("monitoring.amazonaws.com", "PutMetricAlarm"));
  EXPECT_TRUE(c.source_has("s3.amazonaws.com", "PutBucketPolicy"));
  EXPECT_TRUE(c.source_has("s3.amazonaws.com", "GetAccountPublicAccessBlock"));  // S3 Control
  EXPECT_TRUE(c.source_has("lambda.amazonaws.com", "CreateFunction20150331"));
  EXPECT_TRUE(c.source_has("ses.amazonaws.com", "SendEmail"));
  EXPECT_TRUE(c.source_has("ecr.amazonaws.com", "GetAuthorizationToken"));  // api.ecr
  EXPECT_FALSE(c.has_event("UpdateRolePolicy"));
  // A synonymous verb first, then a name with words added; not DeleteRolePolicy, which is close
  // in letters and the opposite in meaning.
  EXPECT_EQ(c.nearest_events("UpdateRolePolicy", {"iam.amazonaws.com"}),
            (std::vector<std::string>{"PutRolePolicy", "UpdateAssumeRolePolicy"}));
  // Plain spelling neighbours when nothing better is found.
  EXPECT_EQ(c.nearest_events("CreateUsr", {"iam.amazonaws.com"}).at(0), "CreateUser");
  EXPECT_EQ(c.nearest_events("ConsoleLogon").front(), "ConsoleLogin");
}

#ifdef TB_SHARED_DATA_DIR
void collect(simdjson::dom::element records, std::set<std::pair<std::string, std::string>>& out) {
  for (simdjson::dom::element r : records.get_array()) {
    std::string_view source, name;
    if (r["eventSource"].get_string().get(source) || r["eventName"].get_string().get(name)) {
      continue;
    }
    out.emplace(source, name);
  }
}

TEST(ApiCatalog, KnowsEveryEventOfTheSharedData) {
  namespace fs = std::filesystem;
  const fs::path root = TB_SHARED_DATA_DIR;
  if (!fs::is_directory(root)) GTEST_SKIP() << "no ../shared/data (" << root << ")";
  std::set<std::pair<std::string, std::string>> pairs;
  simdjson::dom::parser parser;
  for (const char* dir : {"invictus-aws/CloudTrail", "stratus-red-team/detonation-logs"}) {
    for (const auto& entry : fs::directory_iterator(root / dir)) {
      if (entry.path().extension() != ".json") continue;
      simdjson::dom::element doc;
      ASSERT_FALSE(parser.load(entry.path().string()).get(doc)) << entry.path();
      simdjson::dom::element records;
      collect(doc["Records"].get(records) ? doc : records, pairs);
    }
  }
  EXPECT_GT(pairs.size(), 200u);
  const ApiCatalog& c = ApiCatalog::builtin();
  for (const auto& [source, name] : pairs) {
    EXPECT_TRUE(c.source_has(source, name)) << source << " " << name;
  }
}
#endif

}  // namespace
