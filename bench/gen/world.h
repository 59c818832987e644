// The simulated organisation behind the generated CloudTrail records: accounts, IAM principals,
// per-region resources, corporate and attacker addresses. Everything is derived from the seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tbgen {

// Families of user agents; the exact string is built per record (aws-cli embeds the command).
enum class UaKind : uint8_t {
  kCliLinux,
  kCliMac,
  kCliWindows,
  kBoto3,
  kJava,
  kGo,
  kTerraform,
  kLambdaPython,
  kLambdaNode,
  kConsole,
  kSsmAgent,
  kAttackerCli,
  kAttackerBoto,
  kPacu,
};

struct User {
  std::string name;
  std::string principal_id;  // AIDA...
  std::string access_key;    // AKIA... (long-term)
  bool human = false;
  UaKind ua = UaKind::kCliLinux;
};

enum class RoleKind : uint8_t {
  kSsoAdmin,
  kSsoPowerUser,
  kSsoReadOnly,
  kInstance,
  kLambda,
  kEcsTask,
  kServiceLinked,
  kCrossAccount,
  kCiDeploy,
};

struct Role {
  std::string name;
  std::string path;     // "/" or "/aws-reserved/sso.amazonaws.com/" or "/aws-service-role/<svc>/"
  std::string role_id;  // AROA...
  RoleKind kind = RoleKind::kInstance;
  std::string service;   // service-linked roles: the service principal, e.g. config.amazonaws.com
  std::string workload;  // instance/lambda/ecs roles: the application name
};

// One account in one region.
struct Site {
  std::string region;
  std::vector<std::string> instances, security_groups, vpcs, subnets, route_tables, nacls, igws,
      volumes, snapshots, amis, kms_keys, secrets, functions, log_groups, tables, db_instances,
      parameters, target_groups;
  std::vector<std::string> nat_ips;  // public egress of the VPCs (AWS address space)
  std::string detector_id;
  std::string vpce;            // an interface endpoint id that some private calls go through
  std::string private_prefix;  // "10.x." of the site's VPC
};

struct Account {
  std::string id;
  std::string alias;
  std::string key_infix;  // 4 base32 characters shared by the account's key and principal ids
  std::vector<User> users;
  std::vector<Role> roles;
  std::vector<std::string> buckets, groups, policies;
  std::string trail_name;
  std::string config_recorder;
  std::vector<Site> sites;   // indexed like World::regions
  int compromised_user = 0;  // index into users: the key an attacker uses
  int utc_offset_hours = 0;  // shifts the account's business hours
  double weight = 1.0;       // share of the organisation's traffic
};

struct World {
  World(uint64_t seed, int accounts, int regions);

  std::vector<std::string> regions;  // regions[0] is always us-east-1
  std::vector<Account> accounts;
  std::vector<std::string> humans;             // first.last of the people who use SSO
  std::vector<std::string> corp_ips;           // corporate egress (198.51.100.0/24) and one IPv6
  std::vector<std::string> attacker_ips;       // unfamiliar public addresses used by the attacker
  std::vector<std::string> external_accounts;  // foreign accounts used for sharing/backdoors
  std::string org_id;
};

// All regions tb-gen knows, in the order --regions N takes them.
const std::vector<std::string>& known_regions();

}  // namespace tbgen
