#include "bench/gen/world.h"

#include <string_view>

#include "bench/gen/rng.h"
#include "bench/gen/text.h"

namespace tbgen {

const std::vector<std::string>& known_regions() {
  static const std::vector<std::string> regions = {
      "us-east-1",      "eu-west-1",  "us-west-2",      "eu-central-1", "ap-southeast-2",
      "ap-northeast-1", "us-east-2",  "eu-west-2",      "ca-central-1", "sa-east-1",
      "ap-south-1",     "eu-north-1", "ap-southeast-1", "us-west-1",    "eu-west-3",
      "ap-northeast-2", "eu-south-1",
  };
  return regions;
}

namespace {

constexpr std::string_view kHumans[] = {
    "alice.nguyen",  "bruno.silva",    "chen.wei",      "dana.kowalski", "emeka.obi",
    "fatima.haddad", "gustav.lind",    "hana.sato",     "ivan.petrov",   "julia.rossi",
    "kofi.mensah",   "lena.schmidt",   "marco.bianchi", "nadia.karim",   "oscar.moreno",
    "priya.raman",   "quentin.dubois", "rosa.jimenez",
};

struct ServiceUserSpec {
  std::string_view name;
  UaKind ua;
};
constexpr ServiceUserSpec kServiceUsers[] = {
    {"ci-terraform", UaKind::kTerraform}, {"github-actions-deploy", UaKind::kGo},
    {"backup-agent", UaKind::kBoto3},     {"datadog-integration", UaKind::kGo},
    {"legacy-etl", UaKind::kBoto3},       {"grafana-cloudwatch", UaKind::kGo},
    {"jenkins-build", UaKind::kJava},     {"vendor-monitoring", UaKind::kBoto3},
};

constexpr std::string_view kAliases[] = {"acme-prod",    "acme-staging",  "acme-shared-services",
                                         "acme-data",    "acme-dev",      "acme-security",
                                         "acme-sandbox", "acme-analytics"};

constexpr std::string_view kBucketPurposes[] = {
    "app-assets",     "terraform-state", "backups",        "data-lake-raw", "athena-results",
    "static-website", "build-artifacts", "config-history", "exports",       "customer-uploads"};

constexpr std::string_view kWorkloads[] = {"orders-api",   "payments",     "web-frontend",
                                           "batch-worker", "search",       "notifications",
                                           "reporting",    "auth-service", "inventory"};

constexpr std::string_view kLambdas[] = {
    "ingest-events",   "resize-images",    "nightly-report",  "slack-notifier",
    "cost-exporter",   "rotate-db-secret", "sqs-dispatcher",  "s3-virus-scan",
    "audit-forwarder", "tag-enforcer",     "ddb-stream-sink", "cognito-post-confirm"};

struct ServiceRoleSpec {
  std::string_view name;
  std::string_view service;
};
constexpr ServiceRoleSpec kServiceLinked[] = {
    {"AWSServiceRoleForConfig", "config.amazonaws.com"},
    {"AWSServiceRoleForAmazonGuardDuty", "guardduty.amazonaws.com"},
    {"AWSServiceRoleForSecurityHub", "securityhub.amazonaws.com"},
    {"AWSServiceRoleForAmazonInspector2", "inspector2.amazonaws.com"},
    {"AWSServiceRoleForTrustedAdvisor", "trustedadvisor.amazonaws.com"},
    {"AWSServiceRoleForAutoScaling", "autoscaling.amazonaws.com"},
};

constexpr std::string_view kSecretNames[] = {"prod/orders/db-password",
                                             "prod/payments/stripe-api-key",
                                             "prod/search/opensearch-master",
                                             "prod/auth/jwt-signing-key",
                                             "shared/datadog/api-key",
                                             "shared/github/deploy-token",
                                             "prod/reporting/redshift-creds",
                                             "prod/notifications/twilio-token",
                                             "ci/dockerhub-login",
                                             "prod/inventory/db-password",
                                             "prod/web/session-secret",
                                             "shared/pagerduty/integration-key",
                                             "prod/orders/rabbitmq",
                                             "prod/payments/adyen-hmac",
                                             "rds!db-3f9c2a71-52d4-4c8e-9b1e-6a0f4d2c8e17",
                                             "prod/backup/encryption-passphrase"};

constexpr std::string_view kParamNames[] = {
    "/prod/orders/db_host",
    "/prod/orders/db_user",
    "/prod/payments/api_endpoint",
    "/prod/search/cluster_url",
    "/prod/web/feature_flags",
    "/shared/vpc/private_subnets",
    "/cloudwatch-agent/config",
    "/prod/notifications/queue",
    "/prod/auth/issuer",
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    "/prod/reporting/schedule",
    "/prod/inventory/db_host",
    "/ci/terraform/version",
    "/prod/orders/max_connections",
    "/shared/datadog/site"};

constexpr std::string_view kGroups[] = {"Admins",        "Developers",    "ReadOnly",
                                        "BillingAdmins", "DataEngineers", "OnCall"};
constexpr std::string_view kPolicies[] = {"orders-api-s3-access", "ci-deploy-policy",
                                          "ssm-parameter-read",   "kms-app-decrypt",
                                          "lambda-ingest-policy", "backup-s3-write"};

std::string ec2_id(Rng& r, std::string_view prefix) {
  std::string s(prefix);
  s += "-0";
  put_hex(s, r, 16);
  return s;
}

std::string digits(Rng& r, int n) {
  std::string s;
  s.push_back(char('1' + r.below(9)));
  for (int i = 1; i < n; ++i) s.push_back(char('0' + r.below(10)));
  return s;
}

std::string aws_id(Rng& r, std::string_view prefix, std::string_view infix) {
  std::string s(prefix);
  s += infix;
  put_chars(s, r, kBase32, 12);
  return s;
}

void fill_ids(Rng& r, std::vector<std::string>& v, std::string_view prefix, int lo, int hi) {
  const int n = r.range(lo, hi);
  for (int i = 0; i < n; ++i) v.push_back(ec2_id(r, prefix));
}

Site make_site(Rng& r, const Account& acct, const std::string& region, int region_index) {
  Site s;
  s.region = region;
  const int scale = region_index == 0 ? 2 : 1;
  fill_ids(r, s.instances, "i", 12 * scale, 30 * scale);
  fill_ids(r, s.security_groups, "sg", 8, 18);
  fill_ids(r, s.vpcs, "vpc", 2, 3);
  fill_ids(r, s.subnets, "subnet", 6, 12);
  fill_ids(r, s.route_tables, "rtb", 4, 8);
  fill_ids(r, s.nacls, "acl", 2, 4);
  fill_ids(r, s.igws, "igw", 1, 3);
  fill_ids(r, s.volumes, "vol", 16, 40);
  fill_ids(r, s.snapshots, "snap", 6, 14);
  fill_ids(r, s.amis, "ami", 3, 6);
  const int keys = r.range(4, 8);
  for (int i = 0; i < keys; ++i) {
    std::string k;
    put_uuid(k, r);
    s.kms_keys.push_back(k);
  }
  for (std::string_view name : kSecretNames) {
    if (!r.chance(0.6)) continue;
    std::string v(name);
    v.push_back('-');
    put_chars(v, r, kAlnum, 6);
    s.secrets.push_back(v);
  }
  if (s.secrets.empty()) s.secrets.push_back("prod/app/db-password-Xy12Ab");
  for (std::string_view fn : kLambdas) {
    if (!r.chance(0.55)) continue;
    s.functions.push_back(std::string(fn));
    s.log_groups.push_back("/aws/lambda/" + std::string(fn));
  }
  if (s.functions.empty()) {
    s.functions.push_back("ingest-events");
    s.log_groups.push_back("/aws/lambda/ingest-events");
  }
  for (std::string_view w : kWorkloads) {
    if (r.chance(0.5)) s.log_groups.push_back("/ecs/" + std::string(w));
    if (r.chance(0.4)) s.tables.push_back(std::string(w) + "-" + acct.alias.substr(5));
    if (r.chance(0.5)) {
      std::string tg = "arn:aws:elasticloadbalancing:" + region + ":" + acct.id + ":targetgroup/";
      tg += w;
      tg += "-tg/";
      put_hex(tg, r, 16);
      s.target_groups.push_back(tg);
    }
  }
  if (s.tables.empty()) s.tables.push_back("sessions");
  if (s.target_groups.empty()) {
    s.target_groups.push_back("arn:aws:elasticloadbalancing:" + region + ":" + acct.id +
                              ":targetgroup/web-tg/0a1b2c3d4e5f6a7b");
  }
  s.db_instances = {"orders-db-primary", "orders-db-replica-1"};
  if (r.chance(0.5)) s.db_instances.push_back("reporting-aurora-instance-1");
  for (std::string_view p : kParamNames) {
    if (r.chance(0.7)) s.parameters.push_back(std::string(p));
  }
  if (s.parameters.empty()) s.parameters.push_back("/prod/app/config");
  constexpr int kAwsOctets[] = {3, 18, 34, 35, 44, 52, 54};
  for (int i = 0; i < 2; ++i) {
    std::string ip;
    put_uint(ip, uint64_t(r.pick(kAwsOctets)));
    for (int j = 0; j < 3; ++j) {
      ip.push_back('.');
      put_uint(ip, uint64_t(r.range(1, 254)));
    }
    s.nat_ips.push_back(ip);
  }
  s.private_prefix = "10.";
  put_uint(s.private_prefix, uint64_t(r.range(16, 250)));
  s.private_prefix.push_back('.');
  put_hex(s.detector_id, r, 32);
  s.vpce = "vpce-0";
  put_hex(s.vpce, r, 16);
  return s;
}

}  // namespace

World::World(uint64_t seed, int num_accounts, int num_regions) {
  Rng r(mix(seed, 0x776f726c64ULL));  // "world"
  const auto& all = known_regions();
  for (int i = 0; i < num_regions; ++i) regions.push_back(all[size_t(i)]);
  for (std::string_view h : kHumans) humans.push_back(std::string(h));

  corp_ips = {"198.51.100.24", "198.51.100.25", "198.51.100.26", "198.51.100.87",
              "2001:db8:4a7f:1c00::2f"};
  // Unfamiliar addresses: hosting/VPN ranges around the world, plus one IPv6.
  constexpr int kFirstOctets[] = {5, 45, 77, 91, 103, 146, 176, 185, 193, 194, 212, 217};
  for (int i = 0; i < 5; ++i) {
    std::string ip;
    put_uint(ip, uint64_t(r.pick(kFirstOctets)));
    for (int j = 0; j < 3; ++j) {
      ip.push_back('.');
      put_uint(ip, uint64_t(r.range(1, 254)));
    }
    attacker_ips.push_back(ip);
  }
  {
    std::string ip6 = "2a0b:";
    put_hex(ip6, r, 4);
    ip6 += ":";
    put_hex(ip6, r, 3);
    ip6 += "::";
    put_hex(ip6, r, 2);
    attacker_ips.push_back(ip6);
  }
  for (int i = 0; i < 3; ++i) external_accounts.push_back(digits(r, 12));
  org_id = "o-";
  put_chars(org_id, r, kLowerAlnum, 10);

  const size_t n_aliases = sizeof(kAliases) / sizeof(kAliases[0]);
  for (int a = 0; a < num_accounts; ++a) {
    Account acct;
    acct.id = digits(r, 12);
    acct.alias = std::string(kAliases[size_t(a) % n_aliases]);
    if (size_t(a) >= n_aliases) acct.alias += "-" + std::to_string(a);
    put_chars(acct.key_infix, r, kBase32, 4);
    acct.weight = a == 0 ? 1.0 : 0.35 + 0.6 * r.unit();
    constexpr int kOffsets[] = {0, 0, 1, -5, -8, 8, 2};
    acct.utc_offset_hours = r.pick(kOffsets);

    // IAM users: a few legacy human users and the service users.
    const int n_humans = r.range(3, 5);
    const size_t first = r.below(uint32_t(humans.size()));
    for (int i = 0; i < n_humans; ++i) {
      User u;
      u.name = humans[(first + size_t(i) * 5) % humans.size()];
      u.human = true;
      u.principal_id = aws_id(r, "AIDA", acct.key_infix);
      u.access_key = aws_id(r, "AKIA", acct.key_infix);
      constexpr UaKind kHumanUa[] = {UaKind::kCliMac, UaKind::kCliMac, UaKind::kCliLinux,
                                     UaKind::kCliWindows};
      u.ua = r.pick(kHumanUa);
      acct.users.push_back(u);
    }
    for (const ServiceUserSpec& spec : kServiceUsers) {
      if (spec.name != "ci-terraform" && !r.chance(0.6)) continue;
      User u;
      u.name = std::string(spec.name);
      u.principal_id = aws_id(r, "AIDA", acct.key_infix);
      u.access_key = aws_id(r, "AKIA", acct.key_infix);
      u.ua = spec.ua;
      acct.users.push_back(u);
    }
    // The attacker holds a leaked long-term key: prefer legacy-etl or vendor-monitoring.
    acct.compromised_user = int(r.below(uint32_t(n_humans)));
    for (size_t i = 0; i < acct.users.size(); ++i) {
      if (acct.users[i].name == "legacy-etl" || acct.users[i].name == "vendor-monitoring") {
        acct.compromised_user = int(i);
      }
    }

    auto add_role = [&](std::string name, std::string path, RoleKind kind, std::string service,
                        std::string workload) {
      Role role;
      role.name = std::move(name);
      role.path = std::move(path);
      role.role_id = aws_id(r, "AROA", acct.key_infix);
      role.kind = kind;
      role.service = std::move(service);
      role.workload = std::move(workload);
      acct.roles.push_back(std::move(role));
    };
    const std::string sso_path = "/aws-reserved/sso.amazonaws.com/";
    auto sso_name = [&](std::string_view set) {
      std::string n = "AWSReservedSSO_";
      n += set;
      n += "_";
      put_hex(n, r, 16);
      return n;
    };
    add_role(sso_name("AdministratorAccess"), sso_path, RoleKind::kSsoAdmin, "", "");
    add_role(sso_name("PowerUserAccess"), sso_path, RoleKind::kSsoPowerUser, "", "");
    add_role(sso_name("ReadOnlyAccess"), sso_path, RoleKind::kSsoReadOnly, "", "");
    for (std::string_view w : kWorkloads) {
      const uint32_t k = r.below(10);
      if (k < 4) {
        add_role(std::string(w) + "-ec2-role", "/", RoleKind::kInstance, "", std::string(w));
      } else if (k < 7) {
        add_role(std::string(w) + "-ecs-task-role", "/", RoleKind::kEcsTask, "", std::string(w));
      }
    }
    add_role("bastion-ec2-role", "/", RoleKind::kInstance, "", "bastion");
    add_role("payments-ecs-task-role", "/", RoleKind::kEcsTask, "", "payments");
    for (std::string_view fn : kLambdas) {
      if (r.chance(0.5)) {
        add_role(std::string(fn) + "-lambda-role", "/service-role/", RoleKind::kLambda, "",
                 std::string(fn));
      }
    }
    add_role("ingest-events-lambda-role", "/service-role/", RoleKind::kLambda, "", "ingest-events");
    for (const ServiceRoleSpec& spec : kServiceLinked) {
      add_role(std::string(spec.name), "/aws-service-role/" + std::string(spec.service) + "/",
               RoleKind::kServiceLinked, std::string(spec.service), "");
    }
    add_role("OrganizationAccountAccessRole", "/", RoleKind::kCrossAccount, "", "");
    add_role("github-actions-deploy-role", "/", RoleKind::kCiDeploy, "", "");

    for (std::string_view p : kBucketPurposes) {
      if (p != "terraform-state" && !r.chance(0.65)) continue;
      std::string b = acct.alias + "-" + std::string(p) + "-";
      put_uint(b, uint64_t(r.range(1000, 9999)));
      acct.buckets.push_back(b);
    }
    std::string trail_bucket = "aws-cloudtrail-logs-" + acct.id + "-";
    put_hex(trail_bucket, r, 8);
    acct.buckets.push_back(trail_bucket);
    for (std::string_view g : kGroups) acct.groups.push_back(std::string(g));
    for (std::string_view p : kPolicies) acct.policies.push_back(std::string(p));
    acct.trail_name = a == 0 ? "organization-trail" : "management-events";
    acct.config_recorder = "default";

    for (size_t i = 0; i < regions.size(); ++i) {
      acct.sites.push_back(make_site(r, acct, regions[i], int(i)));
    }
    accounts.push_back(std::move(acct));
  }
}

}  // namespace tbgen
