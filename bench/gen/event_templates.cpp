#include "bench/gen/event_templates.h"

#include <algorithm>
#include <string_view>

#include "bench/gen/text.h"

namespace tbgen {

namespace {

enum class ReqId : uint8_t { kNone, kUuid, kS3 };
enum class TlsMode : uint8_t { kAuto, kNone, kForce };
enum class ActorKind : uint8_t {
  kUserKey,      // IAM user with a long-term AKIA key
  kUserConsole,  // IAM user signed in to the console (ASIA key, sessionContext)
  kRole,         // assumed-role session
  kRoot,         // root user, console session
  kService,      // {"type":"AWSService","invokedBy":...}
  kServiceEvent  // {"accountId":...,"invokedBy":...} of AwsServiceEvent records
};

struct Actor {
  ActorKind kind = ActorKind::kUserKey;
  const User* user = nullptr;
  const Role* role = nullptr;
  std::string session;
  std::string ip;
  UaKind ua = UaKind::kCliLinux;
  bool ua_internal = false;  // console-proxied call: sourceIPAddress/userAgent "AWS Internal"
  std::string_view invoked_by;
  bool mfa = false;
  bool attacker = false;
  bool ec2_role_delivery = false;
  uint64_t key_seed = 0;
  int64_t session_start = 0;
};

struct Draft {
  std::string_view version;
  std::string ident;
  int64_t time = 0;
  std::string_view source, name, region;
  std::string ip, ua;
  std::string_view error_code;
  std::string error_message;
  bool has_error_message = false;
  std::string req, resp, add, resources, service_details, tls_host;
  ReqId req_id = ReqId::kUuid;
  bool read_only = true;
  std::string_view event_type;
  std::string_view vpce;
  bool shared_event_id = false;
  TlsMode tls = TlsMode::kAuto;
  bool throttle_ok = false;
  bool fixed_ip = false;
};

constexpr std::string_view kManagedPolicies[] = {
    "arn:aws:iam::aws:policy/AdministratorAccess",
    "arn:aws:iam::aws:policy/PowerUserAccess",
    "arn:aws:iam::aws:policy/IAMFullAccess",
    "arn:aws:iam::aws:policy/AmazonS3FullAccess",
    "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
    "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    "arn:aws:iam::aws:policy/SecretsManagerReadWrite",
    "arn:aws:iam::aws:policy/AmazonEC2FullAccess",
    "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess",
};

constexpr std::string_view kBrowsers[] = {
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:132.0) Gecko/20100101 Firefox/132.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.1 Safari/605.1.15",
};
constexpr std::string_view kAttackerBrowser =
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

constexpr std::string_view kS3ConsoleUa =
    "[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.772 "
    "Linux/5.10.228-198.884.amzn2int.x86_64 OpenJDK_64-Bit_Server_VM/25.432-b06 java/1.8.0_432 "
    "vendor/Oracle_Corporation cfg/retry-mode/standard]";

// Bursts use short intervals; everything else in a window is spread over five minutes.
constexpr double kThrottleRate = 0.012;

uint32_t fnv1a(std::string_view s) {
  uint32_t h = 2166136261u;
  for (char c : s) h = (h ^ uint8_t(c)) * 16777619u;
  return h;
}

// "DescribeInstances" -> "describe-instances"; API-version suffixes (lambda) are dropped.
void put_kebab(std::string& o, std::string_view name) {
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c >= '0' && c <= '9') break;
    if (c >= 'A' && c <= 'Z') {
      if (i > 0) o.push_back('-');
      o.push_back(char(c - 'A' + 'a'));
    } else {
      o.push_back(c);
    }
  }
}

std::string_view service_prefix(std::string_view source) {
  const size_t dot = source.find('.');
  return dot == std::string_view::npos ? source : source.substr(0, dot);
}

std::string_view cli_service(std::string_view prefix) {
  if (prefix == "s3") return "s3api";
  if (prefix == "monitoring") return "cloudwatch";
  if (prefix == "elasticloadbalancing") return "elbv2";
  return prefix;
}

// URL-encodes JSON the way IAM returns assumeRolePolicyDocument in responseElements.
void put_url_encoded(std::string& o, std::string_view s) {
  for (char c : s) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.' || c == '*';
    if (plain) {
      o.push_back(c);
    } else {
      o.push_back('%');
      o.push_back(kHexUpper[(uint8_t(c) >> 4) & 0xF]);
      o.push_back(kHexUpper[uint8_t(c) & 0xF]);
    }
  }
}

}  // namespace

struct EventGen::Impl {
  using Fn = int (Impl::*)();
  struct Kind {
    Fn fn;
    int weight;
    bool global;  // only logged in us-east-1 (IAM, sign-in, organizations)
  };

  const World& w;
  double share;
  Rng deck_rng;
  GenStats stats;
  uint64_t sec_picks = 0;

  // Current call.
  Stream* st = nullptr;
  Rng* rng = nullptr;
  const Account* acct = nullptr;
  const Site* site = nullptr;
  std::string_view region;
  bool home = false;  // region is us-east-1
  int64_t t = 0;
  int budget = 1;
  int emitted = 0;
  Batch* out = nullptr;

  Draft d;
  Actor a;
  std::string scratch, scratch2;

  std::vector<Kind> routine_all, routine_regional;
  std::vector<uint32_t> routine_all_cum, routine_regional_cum;
  std::vector<Fn> global_deck, regional_deck, global_weighted, regional_weighted;
  size_t global_pos = 0, regional_pos = 0;
  uint64_t global_passes = 0, regional_passes = 0;

  // Indices into acct->users / acct->roles by category, per account.
  struct Index {
    std::vector<int> humans, service_users, ci_users;
    std::vector<int> sso, sso_admin, instance, lambda, ecs, service_linked, changeable;
    int ci = 0;
  };
  std::vector<Index> index;

  Impl(const World& world, uint64_t seed, double security_share)
      : w(world), share(security_share), deck_rng(mix(seed, 0x6465636bULL)) {
    build_index();
    build_catalog();
  }

  Rng& R() { return *rng; }
  const Index& X() { return index[size_t(st->account)]; }

  // ---- Setup -------------------------------------------------------------------------------

  void build_index() {
    for (const Account& ac : w.accounts) {
      Index ix;
      for (size_t i = 0; i < ac.users.size(); ++i) {
        const User& u = ac.users[i];
        if (u.human) {
          ix.humans.push_back(int(i));
        } else {
          ix.service_users.push_back(int(i));
          if (u.name == "ci-terraform") ix.ci = int(i);
        }
      }
      for (size_t i = 0; i < ac.roles.size(); ++i) {
        const Role& r = ac.roles[i];
        switch (r.kind) {
          case RoleKind::kSsoAdmin:
            ix.sso_admin.push_back(int(i));
            ix.sso.push_back(int(i));
            break;
          case RoleKind::kSsoPowerUser:
          case RoleKind::kSsoReadOnly:
            ix.sso.push_back(int(i));
            break;
          case RoleKind::kInstance:
            ix.instance.push_back(int(i));
            ix.changeable.push_back(int(i));
            break;
          case RoleKind::kLambda:
            ix.lambda.push_back(int(i));
            ix.changeable.push_back(int(i));
            break;
          case RoleKind::kEcsTask:
            ix.ecs.push_back(int(i));
            ix.changeable.push_back(int(i));
            break;
          case RoleKind::kServiceLinked:
            ix.service_linked.push_back(int(i));
            break;
          case RoleKind::kCrossAccount:
          case RoleKind::kCiDeploy:
            ix.changeable.push_back(int(i));
            break;
        }
      }
      index.push_back(std::move(ix));
    }
  }

  void build_catalog() {
    const Kind regional[] = {
        {&Impl::r_ec2_describe_instances, 55, false},
        {&Impl::r_ec2_describe_misc, 110, false},
        {&Impl::r_ec2_describe_security_groups, 22, false},
        {&Impl::r_ec2_write, 8, false},
        {&Impl::r_s3_bucket_read, 48, false},
        {&Impl::r_kms_decrypt, 66, false},
        {&Impl::r_kms_generate_data_key, 35, false},
        {&Impl::r_kms_misc, 12, false},
        {&Impl::r_ssm_get_parameter, 36, false},
        {&Impl::r_ssm_get_parameters, 18, false},
        {&Impl::r_ssm_agent, 26, false},
        {&Impl::r_ssm_describe, 10, false},
        {&Impl::r_sts_get_caller_identity, 30, false},
        {&Impl::r_sts_assume_role, 9, false},
        {&Impl::r_sts_service_assume_role, 18, false},
        {&Impl::r_lambda, 20, false},
        {&Impl::r_cloudwatch, 18, false},
        {&Impl::r_logs, 32, false},
        {&Impl::r_secrets, 32, false},
        {&Impl::r_rds, 12, false},
        {&Impl::r_cloudtrail_read, 8, false},
        {&Impl::r_ecr, 12, false},
        {&Impl::r_elb, 14, false},
        {&Impl::r_autoscaling, 6, false},
        {&Impl::r_dynamodb, 14, false},
        {&Impl::r_service_event, 1, false},
    };
    const Kind global[] = {
        {&Impl::r_iam_read, 85, true},
        {&Impl::r_s3_list_buckets, 10, true},
        {&Impl::r_console_login_routine, 4, true},
        {&Impl::r_organizations_read, 4, true},
        {&Impl::r_health, 6, true},
    };
    for (const Kind& k : regional) {
      routine_all.push_back(k);
      routine_regional.push_back(k);
    }
    for (const Kind& k : global) routine_all.push_back(k);
    uint32_t sum = 0;
    for (const Kind& k : routine_all) routine_all_cum.push_back(sum += uint32_t(k.weight));
    sum = 0;
    for (const Kind& k : routine_regional)
      routine_regional_cum.push_back(sum += uint32_t(k.weight));

    const Kind security[] = {
        // IAM role policy changes
        {&Impl::s_attach_role_policy, 3, true},
        {&Impl::s_put_role_policy, 3, true},
        {&Impl::s_detach_role_policy, 2, true},
        {&Impl::s_delete_role_policy, 2, true},
        {&Impl::s_update_assume_role_policy, 2, true},
        // IAM permission changes
        {&Impl::s_create_user, 1, true},
        {&Impl::s_create_access_key, 1, true},
        {&Impl::s_create_login_profile, 1, true},
        {&Impl::s_attach_user_policy, 1, true},
        {&Impl::s_put_user_policy, 1, true},
        {&Impl::s_create_policy, 1, true},
        {&Impl::s_create_policy_version, 1, true},
        {&Impl::s_add_user_to_group, 1, true},
        {&Impl::s_put_role_permissions_boundary, 1, true},
        {&Impl::s_create_role, 1, true},
        {&Impl::s_backdoor_admin_user, 1, true},
        // Sign-in, root, organisation
        {&Impl::s_console_login_unfamiliar, 2, true},
        {&Impl::s_console_login_failure, 3, true},
        {&Impl::s_console_login_failure_burst, 1, true},
        {&Impl::s_root_activity, 1, true},
        {&Impl::s_leave_organization, 1, true},
        {&Impl::s_iam_recon_denied, 1, true},
        // Regional
        {&Impl::s_cloudtrail_stop_logging, 1, false},
        {&Impl::s_cloudtrail_delete_trail, 1, false},
        {&Impl::s_cloudtrail_event_selectors, 1, false},
        {&Impl::s_cloudtrail_update_trail, 1, false},
        {&Impl::s_guardduty_delete_detector, 1, false},
        {&Impl::s_sg_open_ingress, 2, false},
        {&Impl::s_create_snapshot, 1, false},
        {&Impl::s_share_snapshot, 1, false},
        {&Impl::s_share_ami, 1, false},
        {&Impl::s_s3_put_bucket_policy, 1, false},
        {&Impl::s_s3_put_bucket_acl, 1, false},
        {&Impl::s_s3_public_access_block, 1, false},
        {&Impl::s_kms_disable_key, 1, false},
        {&Impl::s_kms_schedule_deletion, 1, false},
        {&Impl::s_secrets_burst, 1, false},
        {&Impl::s_ssm_send_command, 1, false},
        {&Impl::s_ssm_start_session, 1, false},
        {&Impl::s_ec2_unauthorized, 2, false},
        {&Impl::s_unauthorized_operation, 1, false},
        {&Impl::s_access_denied, 2, false},
        {&Impl::s_config_stop_recorder, 1, false},
        {&Impl::s_nacl_change, 1, false},
        {&Impl::s_route_change, 1, false},
        {&Impl::s_internet_gateway, 1, false},
        {&Impl::s_vpc_change, 1, false},
        {&Impl::s_get_password_data, 1, false},
        {&Impl::s_recon_caller_identity, 1, false},
    };
    // The first pass through each deck holds every kind once, so even small runs cover them all;
    // later passes follow the weights.
    for (const Kind& k : security) {
      (k.global ? global_deck : regional_deck).push_back(k.fn);
      for (int i = 0; i < k.weight; ++i) {
        (k.global ? global_weighted : regional_weighted).push_back(k.fn);
      }
    }
    shuffle(global_deck);
    shuffle(regional_deck);
  }

  void shuffle(std::vector<Fn>& deck) {
    for (size_t i = deck.size(); i > 1; --i) {
      std::swap(deck[i - 1], deck[deck_rng.below(uint32_t(i))]);
    }
  }

  Fn draw(std::vector<Fn>& deck, const std::vector<Fn>& weighted, size_t& pos, uint64_t& passes) {
    if (pos == deck.size()) {
      deck = weighted;
      shuffle(deck);
      pos = 0;
      ++passes;
    }
    return deck[pos++];
  }

  // How far through its decks a kind of security event is; used to keep both decks in step.
  static double progress(const std::vector<Fn>& deck, size_t pos, uint64_t passes) {
    return double(passes) + double(pos) / double(deck.size());
  }

  // ---- Entry point -------------------------------------------------------------------------

  int generate(Stream& s, int64_t time, int max_records, Batch& batch) {
    st = &s;
    rng = &s.rng;
    acct = &w.accounts[size_t(s.account)];
    site = &acct->sites[size_t(s.region)];
    region = site->region;
    home = s.region == 0;
    t = time;
    budget = max_records;
    emitted = 0;
    out = &batch;

    // Mean records per security pick, learned as we go, keeps the share near the target.
    const double mean_len =
        sec_picks == 0 ? 2.0 : double(stats.security_records) / double(sec_picks);
    double p = share / (mean_len * (1.0 - share) + share);
    // Feedback on the running deficit keeps small runs close to the target share.
    const double deficit = share * double(stats.records + 1) - double(stats.security_records);
    p *= std::clamp(1.0 + deficit / 4.0, 0.1, 4.0);
    int n;
    if (R().chance(p)) {
      // Only us-east-1 logs global services; it leans towards whichever deck is behind.
      const bool behind = progress(global_deck, global_pos, global_passes) <
                          progress(regional_deck, regional_pos, regional_passes);
      const bool global = home && R().chance(behind ? 0.85 : 0.25);
      const Fn fn = global ? draw(global_deck, global_weighted, global_pos, global_passes)
                           : draw(regional_deck, regional_weighted, regional_pos, regional_passes);
      n = (this->*fn)();
      ++sec_picks;
      stats.security_records += uint64_t(n);
    } else {
      const auto& kinds = home ? routine_all : routine_regional;
      const auto& cum = home ? routine_all_cum : routine_regional_cum;
      const uint32_t x = R().below(cum.back());
      const size_t i = size_t(std::upper_bound(cum.begin(), cum.end(), x) - cum.begin());
      n = (this->*kinds[i].fn)();
    }
    stats.records += uint64_t(n);
    return n;
  }

  bool room() const { return emitted < budget; }
  void advance(int lo, int hi) { t += R().range(lo, hi); }

  // ---- Record assembly ---------------------------------------------------------------------

  void begin(std::string_view source, std::string_view name, bool read_only) {
    static constexpr std::string_view kVersions[] = {"1.08", "1.09", "1.09", "1.10", "1.11"};
    d.version = kVersions[fnv1a(name) % 5];
    d.time = t;
    d.source = source;
    d.name = name;
    d.region = region;
    d.ip.clear();
    d.ua.clear();
    d.error_code = {};
    d.error_message.clear();
    d.has_error_message = false;
    d.req.clear();
    d.resp.clear();
    d.add.clear();
    d.resources.clear();
    d.service_details.clear();
    d.tls_host.clear();
    d.req_id = ReqId::kUuid;
    d.read_only = read_only;
    d.event_type = "AwsApiCall";
    d.vpce = {};
    d.shared_event_id = false;
    d.tls = TlsMode::kAuto;
    d.throttle_ok = false;
    d.fixed_ip = false;
  }

  void global_region() { d.region = "us-east-1"; }

  void error(std::string_view code, std::string_view message) {
    d.error_code = code;
    d.error_message.assign(message);
    d.has_error_message = !message.empty();
  }

  // Appends the ARN of the current actor.
  void put_actor_arn(std::string& o) {
    switch (a.kind) {
      case ActorKind::kUserKey:
      case ActorKind::kUserConsole:
        o += "arn:aws:iam::";
        o += acct->id;
        o += ":user/";
        o += a.user->name;
        break;
      case ActorKind::kRole:
        o += "arn:aws:sts::";
        o += acct->id;
        o += ":assumed-role/";
        o += a.role->name;
        o.push_back('/');
        o += a.session;
        break;
      default:
        o += "arn:aws:iam::";
        o += acct->id;
        o += ":root";
    }
  }

  void put_role_arn(std::string& o, const Role& role) {
    o += "arn:aws:iam::";
    o += acct->id;
    o += ":role";
    o += role.path;
    o += role.name;
  }

  void put_temp_key(std::string& o, uint64_t salt) {
    Rng k(mix(a.key_seed, salt));
    o += "ASIA";
    o += acct->key_infix;
    put_chars(o, k, kBase32, 12);
  }

  void build_ident() {
    std::string& o = d.ident;
    o.clear();
    const std::string& id = acct->id;
    // Temporary keys rotate hourly for a given session.
    const uint64_t hour = uint64_t(a.session_start / 3600);
    switch (a.kind) {
      case ActorKind::kUserKey:
      case ActorKind::kUserConsole: {
        const User& u = *a.user;
        o += R"({"type":"IAMUser","principalId":")";
        o += u.principal_id;
        o += R"(","arn":"arn:aws:iam::)";
        o += id;
        o += ":user/";
        o += u.name;
        o += R"(","accountId":")";
        o += id;
        o += R"(","accessKeyId":")";
        if (a.kind == ActorKind::kUserKey) {
          o += u.access_key;
        } else {
          put_temp_key(o, hour);
        }
        o += R"(","userName":")";
        o += u.name;
        o.push_back('"');
        if (a.kind == ActorKind::kUserConsole) {
          o +=
              R"(,"sessionContext":{"sessionIssuer":{},"webIdFederationData":{},"attributes":{"creationDate":")";
          put_iso(o, a.session_start);
          o += R"(","mfaAuthenticated":")";
          o += a.mfa ? "true" : "false";
          o += R"("}})";
        }
        break;
      }
      case ActorKind::kRole: {
        const Role& r = *a.role;
        o += R"({"type":"AssumedRole","principalId":")";
        o += r.role_id;
        o.push_back(':');
        o += a.session;
        o += R"(","arn":"arn:aws:sts::)";
        o += id;
        o += ":assumed-role/";
        o += r.name;
        o.push_back('/');
        o += a.session;
        o += R"(","accountId":")";
        o += id;
        o += R"(","accessKeyId":")";
        put_temp_key(o, hour);
        o += R"(","sessionContext":{"sessionIssuer":{"type":"Role","principalId":")";
        o += r.role_id;
        o += R"(","arn":")";
        put_role_arn(o, r);
        o += R"(","accountId":")";
        o += id;
        o += R"(","userName":")";
        o += r.name;
        o += R"("},"webIdFederationData":{},"attributes":{"creationDate":")";
        put_iso(o, a.session_start);
        o += R"(","mfaAuthenticated":")";
        o += a.mfa ? "true" : "false";
        o += R"("})";
        if (a.ec2_role_delivery) o += R"(,"ec2RoleDelivery":"2.0")";
        o.push_back('}');
        break;
      }
      case ActorKind::kRoot:
        o += R"({"type":"Root","principalId":")";
        o += id;
        o += R"(","arn":"arn:aws:iam::)";
        o += id;
        o += R"(:root","accountId":")";
        o += id;
        o += R"(","accessKeyId":")";
        put_temp_key(o, hour);
        o +=
            R"(","sessionContext":{"sessionIssuer":{},"webIdFederationData":{},"attributes":{"creationDate":")";
        put_iso(o, a.session_start);
        o += R"(","mfaAuthenticated":")";
        o += a.mfa ? "true" : "false";
        o += R"("}})";
        break;
      case ActorKind::kService:
        o += R"({"type":"AWSService","invokedBy":")";
        o += a.invoked_by;
        o += R"("})";
        return;
      case ActorKind::kServiceEvent:
        o += R"({"accountId":")";
        o += id;
        o += R"(","invokedBy":")";
        o += a.invoked_by;
        o += R"("})";
        return;
    }
    if (!a.invoked_by.empty()) {
      o += R"(,"invokedBy":")";
      o += a.invoked_by;
      o.push_back('"');
    }
    o.push_back('}');
  }

  void build_ua() {
    std::string& o = d.ua;
    const std::string_view prefix = service_prefix(d.source);
    if (a.kind == ActorKind::kService || a.kind == ActorKind::kServiceEvent) {
      o += a.invoked_by;
      return;
    }
    if (!a.invoked_by.empty()) {
      o += a.invoked_by;
      return;
    }
    if (a.ua_internal) {
      o += "AWS Internal";
      return;
    }
    switch (a.ua) {
      case UaKind::kCliLinux:
      case UaKind::kCliMac:
      case UaKind::kCliWindows:
        o += "aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 ";
        o += a.ua == UaKind::kCliLinux ? "os/linux#6.8.0-1019-aws md/arch#x86_64"
             : a.ua == UaKind::kCliMac ? "os/macos#24.1.0 md/arch#arm64"
                                       : "os/windows#10 md/arch#amd64";
        o += " lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe ";
        if (a.ua == UaKind::kCliLinux) o += "md/distrib#ubuntu.24 ";
        o += "md/prompt#off md/command#";
        o += cli_service(prefix);
        o.push_back('.');
        put_kebab(o, d.name);
        break;
      case UaKind::kAttackerCli:
        o += "aws-cli/2.13.25 Python/3.11.5 Linux/6.5.0-kali3-amd64 exe/x86_64.kali.2023 "
             "prompt/off command/";
        o += cli_service(prefix);
        o.push_back('.');
        put_kebab(o, d.name);
        break;
      case UaKind::kBoto3:
        o += "Boto3/1.35.54 md/Botocore#1.35.54 ua/2.0 os/linux#5.10.228-219.884.amzn2.x86_64 "
             "md/arch#x86_64 lang/python#3.11.10 md/pyimpl#CPython cfg/retry-mode#legacy "
             "Botocore/1.35.54";
        break;
      case UaKind::kAttackerBoto:
        o += "[Boto3/1.35.36 md/Botocore#1.35.36 ua/2.0 os/linux#6.11.2-amd64 md/arch#x86_64 "
             "lang/python#3.12.7 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.36]";
        break;
      case UaKind::kPacu:
        o += "[pacu/1.6.0, aws-cli/1.36.2 Python/3.12.7 Linux/6.11.2-amd64 botocore/1.35.36]";
        break;
      case UaKind::kJava:
        o += "aws-sdk-java/2.29.6 Linux/5.10.228-219.884.amzn2.x86_64 "
             "OpenJDK_64-Bit_Server_VM/21.0.5+11-LTS Java/21.0.5 vendor/Amazon.com_Inc. io/sync "
             "http/Apache cfg/retry-mode/standard";
        break;
      case UaKind::kGo:
        o += "aws-sdk-go-v2/1.32.3 ua/2.1 os/linux lang/go#1.23.2 md/GOOS#linux md/GOARCH#amd64 "
             "api/";
        o += prefix;
        o += "#1.36.3";
        break;
      case UaKind::kTerraform:
        o += "APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) "
             "terraform-provider-aws/5.74.0 "
             "(+https://registry.terraform.io/providers/hashicorp/aws) "
             "aws-sdk-go-v2/1.32.3 ua/2.1 os/linux lang/go#1.23.2 md/GOOS#linux md/GOARCH#amd64 "
             "api/";
        o += prefix;
        o += "#1.36.3";
        break;
      case UaKind::kLambdaPython:
        o += "Boto3/1.34.145 md/Botocore#1.34.145 ua/2.0 os/linux#5.10.227-239.884.amzn2.x86_64 "
             "md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 "
             "cfg/retry-mode#legacy Botocore/1.34.145";
        break;
      case UaKind::kLambdaNode:
        o += "aws-sdk-js/3.682.0 ua/2.1 os/linux#5.10.227-239.884.amzn2.x86_64 lang/js "
             "md/nodejs#20.18.0 api/";
        o += prefix;
        o += "#3.682.0 exec-env/AWS_Lambda_nodejs20.x";
        break;
      case UaKind::kConsole:
        if (prefix == "s3") {
          o += kS3ConsoleUa;
        } else {
          o += kBrowsers[a.key_seed % 4];
        }
        break;
      case UaKind::kSsmAgent:
        o += "aws-sdk-go/1.55.5 (go1.22.8; linux; amd64) amazon-ssm-agent/3.3.1142.0";
        break;
    }
  }

  void default_tls_host() {
    std::string& h = d.tls_host;
    const std::string_view prefix = service_prefix(d.source);
    if (prefix == "iam") {
      h = "iam.amazonaws.com";
    } else if (prefix == "sts" && d.region == "us-east-1") {
      h = "sts.amazonaws.com";
    } else {
      h.assign(prefix);
      h.push_back('.');
      h += d.region;
      h += ".amazonaws.com";
    }
  }

  int finish() {
    build_ident();
    if (!d.fixed_ip) {
      if (a.kind == ActorKind::kService || a.kind == ActorKind::kServiceEvent) {
        d.ip.assign(a.invoked_by);
      } else if (!a.invoked_by.empty()) {
        d.ip.assign(a.invoked_by);
      } else if (a.ua_internal) {
        d.ip = "AWS Internal";
      } else {
        d.ip = a.ip;
      }
    }
    if (d.ua.empty()) build_ua();
    bool tls = false;
    if (d.tls == TlsMode::kForce) {
      tls = true;
    } else if (d.tls == TlsMode::kAuto) {
      tls = a.kind != ActorKind::kService && a.kind != ActorKind::kServiceEvent &&
            a.invoked_by.empty() && !a.ua_internal;
    }
    if (tls && d.tls_host.empty()) default_tls_host();
    if (d.throttle_ok && d.error_code.empty() && R().chance(kThrottleRate)) {
      error("ThrottlingException", "Rate exceeded");
      d.resp.clear();
    }
    serialize(tls);
    ++emitted;
    return 1;
  }

  void serialize(bool tls) {
    std::string& o = out->data;
    const size_t start = o.size();
    o += R"({"eventVersion":")";
    o += d.version;
    o += R"(","userIdentity":)";
    o += d.ident;
    o += R"(,"eventTime":")";
    put_iso(o, d.time);
    o += R"(","eventSource":")";
    o += d.source;
    o += R"(","eventName":")";
    o += d.name;
    o += R"(","awsRegion":")";
    o += d.region;
    o += R"(","sourceIPAddress":")";
    o += d.ip;
    o += R"(","userAgent":")";
    o += d.ua;
    o.push_back('"');
    if (!d.error_code.empty()) {
      o += R"(,"errorCode":")";
      o += d.error_code;
      o.push_back('"');
    }
    if (d.has_error_message) {
      o += R"(,"errorMessage":")";
      put_escaped(o, d.error_message);
      o.push_back('"');
    }
    o += R"(,"requestParameters":)";
    o += d.req.empty() ? std::string_view("null") : std::string_view(d.req);
    o += R"(,"responseElements":)";
    o += d.resp.empty() ? std::string_view("null") : std::string_view(d.resp);
    if (!d.add.empty()) {
      o += R"(,"additionalEventData":)";
      o += d.add;
    }
    if (d.req_id == ReqId::kUuid) {
      o += R"(,"requestID":")";
      put_uuid(o, R());
      o.push_back('"');
    } else if (d.req_id == ReqId::kS3) {
      o += R"(,"requestID":")";
      put_chars(o, R(), kUpperAlnum, 16);
      o.push_back('"');
    }
    o += R"(,"eventID":")";
    put_uuid(o, R());
    o += R"(","readOnly":)";
    o += d.read_only ? "true" : "false";
    if (!d.resources.empty()) {
      o += R"(,"resources":)";
      o += d.resources;
    }
    o += R"(,"eventType":")";
    o += d.event_type;
    o += R"(","managementEvent":true,"recipientAccountId":")";
    o += acct->id;
    o.push_back('"');
    if (!d.vpce.empty()) {
      o += R"(,"vpcEndpointId":")";
      o += d.vpce;
      o.push_back('"');
    }
    if (d.shared_event_id) {
      o += R"(,"sharedEventID":")";
      put_uuid(o, R());
      o.push_back('"');
    }
    if (!d.service_details.empty()) {
      o += R"(,"serviceEventDetails":)";
      o += d.service_details;
    }
    o += R"(,"eventCategory":"Management")";
    if (tls) {
      // Most SDKs negotiate TLS 1.3 by now; a stable share still uses 1.2.
      if ((fnv1a(d.ua) & 3) != 0) {
        o +=
            R"(,"tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":")";
      } else {
        o +=
            R"(,"tlsDetails":{"tlsVersion":"TLSv1.2","cipherSuite":"ECDHE-RSA-AES128-GCM-SHA256","clientProvidedHostHeader":")";
      }
      o += d.tls_host;
      o += R"("})";
    }
    if ((a.kind == ActorKind::kUserConsole || a.kind == ActorKind::kRoot ||
         (a.kind == ActorKind::kRole && a.ua == UaKind::kConsole)) &&
        d.event_type == "AwsApiCall") {
      o += R"(,"sessionCredentialFromConsole":"true")";
    }
    o.push_back('}');
    out->items.push_back({uint32_t(start), uint32_t(o.size() - start), d.time});
  }

  // ---- Actors ------------------------------------------------------------------------------

  void reset_actor(ActorKind kind) {
    a.kind = kind;
    a.user = nullptr;
    a.role = nullptr;
    a.session.clear();
    a.ip.clear();
    a.ua = UaKind::kCliLinux;
    a.ua_internal = false;
    a.invoked_by = {};
    a.mfa = false;
    a.attacker = false;
    a.ec2_role_delivery = false;
    a.key_seed = 0;
    a.session_start = t - 60;
  }

  // Session start: a stable time in the recent past, so creationDate <= eventTime.
  void session_since(uint64_t salt, int max_age) {
    const uint64_t h = mix(salt, uint64_t(t / 3600));
    a.session_start = t - int64_t(h % uint64_t(max_age)) - 1;
    a.key_seed = h;
  }

  void put_public_ip(std::string& o) {
    constexpr int kFirst[] = {23,  31,  37,  41,  62,  78,  81,  89, 95,
                              109, 118, 121, 138, 151, 178, 188, 201};
    put_uint(o, uint64_t(R().pick(kFirst)));
    for (int j = 0; j < 3; ++j) {
      o.push_back('.');
      put_uint(o, uint64_t(R().range(1, 254)));
    }
  }

  void put_corp_ip(std::string& o) {
    // Mostly the NAT addresses; a few IPv6 from the office network.
    const uint32_t k = R().below(20);
    if (k == 0) {
      o += w.corp_ips.back();
    } else {
      o += w.corp_ips[k % (w.corp_ips.size() - 1)];
    }
  }

  // The private address of a host, stable for a given host name.
  void put_host_ip(std::string& o, std::string_view host) {
    const uint32_t h = fnv1a(host);
    o += site->private_prefix;
    put_uint(o, h % 64);
    o.push_back('.');
    put_uint(o, 4 + (h >> 8) % 247);
  }

  // Workloads call from the VPC: through an interface endpoint (private address) or a NAT.
  void workload_ip(bool endpoint_capable) {
    a.ip.clear();
    if (endpoint_capable && R().chance(0.55)) {
      put_host_ip(a.ip, a.session);
      d.vpce = site->vpce;
    } else {
      a.ip = site->nat_ips[R().below(2)];
    }
  }

  bool endpoint_capable() const {
    const std::string_view p = service_prefix(d.source);
    return p == "kms" || p == "ssm" || p == "secretsmanager" || p == "sts" || p == "logs" ||
           p == "ecr" || p == "ec2";
  }

  void actor_role(const Role& role) {
    reset_actor(ActorKind::kRole);
    a.role = &role;
    session_since(fnv1a(role.name) ^ uint64_t(st->account), 3600);
  }

  void actor_instance_role() {
    const auto& v = X().instance;
    const Role& role = acct->roles[size_t(v[R().below(uint32_t(v.size()))])];
    actor_role(role);
    const uint32_t i = fnv1a(role.name) % uint32_t(site->instances.size());
    a.session = site->instances[i];
    a.ec2_role_delivery = true;
    a.ua = (fnv1a(role.name) & 1) ? UaKind::kBoto3 : UaKind::kJava;
    workload_ip(endpoint_capable());
  }

  void actor_lambda_role() {
    const auto& v = X().lambda;
    const Role& role = acct->roles[size_t(v[R().below(uint32_t(v.size()))])];
    actor_role(role);
    a.session = role.workload;
    a.ua = (fnv1a(role.workload) & 1) ? UaKind::kLambdaPython : UaKind::kLambdaNode;
    // Lambda functions outside a VPC call from AWS public address space.
    a.ip.clear();
    constexpr int kAws[] = {3, 18, 34, 44, 52, 54};
    put_uint(a.ip, uint64_t(R().pick(kAws)));
    for (int j = 0; j < 3; ++j) {
      a.ip.push_back('.');
      put_uint(a.ip, uint64_t(R().range(1, 254)));
    }
  }

  void actor_ecs_role() {
    const auto& v = X().ecs;
    const Role& role = acct->roles[size_t(v[R().below(uint32_t(v.size()))])];
    actor_role(role);
    Rng k(mix(a.key_seed, 7));
    put_hex(a.session, k, 32);
    a.ua = UaKind::kJava;
    workload_ip(endpoint_capable());
  }

  void actor_ci_user() {
    reset_actor(ActorKind::kUserKey);
    a.user = &acct->users[size_t(X().ci)];
    a.ua = UaKind::kTerraform;
    a.ip = w.corp_ips[3];
  }

  void actor_service_user() {
    const auto& v = X().service_users;
    reset_actor(ActorKind::kUserKey);
    a.user = &acct->users[size_t(v[R().below(uint32_t(v.size()))])];
    a.ua = a.user->ua;
    // Service users run on premises or in a partner's cloud; mostly the corporate NAT.
    if (R().chance(0.75)) {
      put_corp_ip(a.ip);
    } else {
      a.ip = site->nat_ips[0];
    }
  }

  void actor_human_user(bool console) {
    const auto& v = X().humans;
    const User& u = acct->users[size_t(v[R().below(uint32_t(v.size()))])];
    reset_actor(console ? ActorKind::kUserConsole : ActorKind::kUserKey);
    a.user = &u;
    session_since(fnv1a(u.name) ^ 0x55, 5400);
    a.mfa = console;
    a.ua = console ? UaKind::kConsole : u.ua;
    put_corp_ip(a.ip);
    if (console && R().chance(0.4)) a.ua_internal = true;
  }

  void actor_sso(bool admin, bool console) {
    const auto& v = admin ? X().sso_admin : X().sso;
    const Role& role = acct->roles[size_t(v[R().below(uint32_t(v.size()))])];
    actor_role(role);
    const std::string& human = w.humans[R().below(uint32_t(w.humans.size()))];
    a.session = human;
    a.session += "@example.com";
    session_since(fnv1a(human) ^ uint64_t(st->account), 7200);
    a.ua = console ? UaKind::kConsole : UaKind::kCliMac;
    put_corp_ip(a.ip);
    if (console && R().chance(0.4)) a.ua_internal = true;
  }

  void actor_service_linked(std::string_view invoked) {
    for (int i : X().service_linked) {
      const Role& role = acct->roles[size_t(i)];
      if (role.service == invoked) {
        actor_role(role);
        a.session = "AWSServiceSession";
        if (invoked == "config.amazonaws.com") a.session = "AWSConfig-Describe";
        a.invoked_by = invoked;
        return;
      }
    }
    actor_service(invoked);
  }

  void actor_service(std::string_view invoked) {
    reset_actor(ActorKind::kService);
    a.invoked_by = invoked;
  }

  // A random caller of a routine API.
  void actor_workload() {
    const uint32_t k = R().below(100);
    if (k < 12) {
      actor_instance_role();
    } else if (k < 20) {
      actor_lambda_role();
    } else if (k < 27) {
      actor_ecs_role();
    } else if (k < 52) {
      actor_ci_user();
    } else if (k < 73) {
      actor_service_user();
    } else if (k < 80) {
      actor_sso(R().chance(0.3), true);
    } else if (k < 86) {
      actor_sso(R().chance(0.3), false);
    } else if (k < 93) {
      actor_human_user(R().chance(0.3));
    } else {
      constexpr std::string_view kSvc[] = {"config.amazonaws.com", "securityhub.amazonaws.com",
                                           "inspector2.amazonaws.com",
                                           "trustedadvisor.amazonaws.com"};
      actor_service_linked(R().pick(kSvc));
    }
  }

  // People and automation that legitimately change things.
  void actor_admin() {
    const uint32_t k = R().below(10);
    if (k < 4) {
      actor_ci_user();
    } else if (k < 8) {
      actor_sso(true, R().chance(0.5));
    } else {
      actor_human_user(false);
    }
  }

  // The attacker: a leaked long-term key used from unfamiliar infrastructure.
  void actor_attacker() {
    reset_actor(ActorKind::kUserKey);
    a.user = &acct->users[size_t(acct->compromised_user)];
    a.attacker = true;
    // One address per hour, so related events line up.
    const uint64_t h = mix(uint64_t(st->account), uint64_t(t / 3600));
    a.ip = w.attacker_ips[h % w.attacker_ips.size()];
    constexpr UaKind kUa[] = {UaKind::kAttackerCli, UaKind::kAttackerCli, UaKind::kAttackerBoto,
                              UaKind::kPacu};
    a.ua = kUa[(h >> 8) % 4];
  }

  void actor_root(bool attacker) {
    reset_actor(ActorKind::kRoot);
    session_since(0x726f6f74ULL ^ uint64_t(st->account), 1800);
    a.ua = UaKind::kConsole;
    a.mfa = !attacker;
    if (attacker) {
      a.ip = w.attacker_ips[mix(uint64_t(st->account), uint64_t(t / 3600)) % w.attacker_ips.size()];
      a.attacker = true;
    } else {
      put_corp_ip(a.ip);
    }
  }

  // Who performs a sensitive change: mostly admins and the attacker, sometimes root.
  void actor_privileged(double attacker_share) {
    const double x = R().unit();
    if (x < attacker_share) {
      actor_attacker();
    } else if (x < attacker_share + 0.06) {
      actor_root(false);
    } else {
      actor_admin();
    }
  }

  // ---- Parameter helpers -------------------------------------------------------------------

  template <class V>
  const std::string& any(const V& v) {
    return v[R().below(uint32_t(v.size()))];
  }

  const Role& changeable_role() {
    const auto& v = X().changeable;
    return acct->roles[size_t(v[R().below(uint32_t(v.size()))])];
  }

  const User& any_user() { return acct->users[R().below(uint32_t(acct->users.size()))]; }

  void put_new_ec2_id(std::string& o, std::string_view prefix) {
    o += prefix;
    o += "-0";
    put_hex(o, R(), 16);
  }

  void filter(std::string& o, std::string_view name, std::string_view value) {
    o += R"("filterSet":{"items":[{"name":")";
    o += name;
    o += R"(","valueSet":{"items":[{"value":")";
    o += value;
    o += R"("}]}}]})";
  }

  void put_ec2_ack(std::string& o) {
    o += R"({"requestId":")";
    put_uuid(o, R());
    o += R"(","_return":true})";
  }

  void kms_key_arn(std::string& o, const std::string& key) {
    o += "arn:aws:kms:";
    o += region;
    o.push_back(':');
    o += acct->id;
    o += ":key/";
    o += key;
  }

  void resource(std::string& o, std::string_view type, std::string_view arn_prefix,
                std::string_view arn_rest) {
    o += R"([{"accountId":")";
    o += acct->id;
    if (!type.empty()) {
      o += R"(","type":")";
      o += type;
    }
    o += R"(","ARN":")";
    o += arn_prefix;
    o += arn_rest;
    o += R"("}])";
  }

  void kms_resource(const std::string& key) {
    d.resources += R"([{"accountId":")";
    d.resources += acct->id;
    d.resources += R"(","type":"AWS::KMS::Key","ARN":")";
    kms_key_arn(d.resources, key);
    d.resources += R"("}])";
  }

  void secret_arn(std::string& o, const std::string& secret) {
    o += "arn:aws:secretsmanager:";
    o += region;
    o.push_back(':');
    o += acct->id;
    o += ":secret:";
    o += secret;
  }

  void put_session_token(std::string& o) {
    o += "IQoJb3JpZ2luX2VjE";
    put_chars(o, R(), kBase64, 300 + R().range(0, 200));
    o += "==";
  }

  void put_encoded_failure(std::string& o) {
    put_chars(o, R(), kBase64Url, 560 + R().range(0, 400));
  }

  // Not-authorized message in IAM's wording.
  void denied_message(std::string_view action, std::string_view resource_arn) {
    std::string& m = d.error_message;
    m.clear();
    m += "User: ";
    put_actor_arn(m);
    m += " is not authorized to perform: ";
    m += action;
    m += " on resource: ";
    m += resource_arn;
    m += " because no identity-based policy allows the ";
    m += action;
    m += " action";
    d.has_error_message = true;
  }

  // S3 bucket-level call: requestParameters with Host, additionalEventData, S3-style requestID.
  void s3_begin(std::string_view name, bool read_only, const std::string& bucket,
                std::string_view subresource) {
    begin("s3.amazonaws.com", name, read_only);
    d.req_id = ReqId::kS3;
    d.req += R"({"bucketName":")";
    d.req += bucket;
    d.req += R"(","Host":")";
    d.req += bucket;
    d.req += ".s3.";
    d.req += region;
    d.req += R"(.amazonaws.com")";
    if (!subresource.empty()) {
      d.req += R"(,")";
      d.req += subresource;
      d.req += R"(":"")";
    }
    d.tls_host = bucket;
    d.tls_host += ".s3.";
    d.tls_host += region;
    d.tls_host += ".amazonaws.com";
    d.resources += R"([{"accountId":")";
    d.resources += acct->id;
    d.resources += R"(","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::)";
    d.resources += bucket;
    d.resources += R"("}])";
  }

  void s3_additional(int bytes_in, int bytes_out) {
    std::string& o = d.add;
    o +=
        R"({"SignatureVersion":"SigV4","CipherSuite":"TLS_AES_128_GCM_SHA256","bytesTransferredIn":)";
    put_uint(o, uint64_t(bytes_in));
    o += R"(,"AuthenticationMethod":"AuthHeader","x-amz-id-2":")";
    put_chars(o, R(), kBase64, 76);
    o += R"(","bytesTransferredOut":)";
    put_uint(o, uint64_t(bytes_out));
    o.push_back('}');
  }

  // ==== Routine traffic =====================================================================

  int r_ec2_describe_instances() {
    begin("ec2.amazonaws.com", "DescribeInstances", true);
    actor_workload();
    d.throttle_ok = true;
    std::string& o = d.req;
    const uint32_t k = R().below(3);
    if (k == 0) {
      o += R"({"instancesSet":{"items":[)";
      const int n = R().range(1, 3);
      for (int i = 0; i < n; ++i) {
        if (i) o.push_back(',');
        o += R"({"instanceId":")";
        o += any(site->instances);
        o += R"("})";
      }
      o += R"(]},"filterSet":{}})";
    } else if (k == 1) {
      o +=
          R"({"instancesSet":{},"filterSet":{"items":[{"name":"instance-state-name","valueSet":{"items":[{"value":"running"},{"value":"pending"}]}},{"name":"tag:Environment","valueSet":{"items":[{"value":"production"}]}}]}})";
    } else {
      o += R"({"maxResults":1000,"instancesSet":{},"filterSet":{}})";
    }
    return finish();
  }

  int r_ec2_describe_misc() {
    static constexpr std::string_view kNames[] = {"DescribeVpcs",
                                                  "DescribeSubnets",
                                                  "DescribeRouteTables",
                                                  "DescribeNetworkInterfaces",
                                                  "DescribeVolumes",
                                                  "DescribeAddresses",
                                                  "DescribeInstanceStatus",
                                                  "DescribeImages",
                                                  "DescribeSnapshots",
                                                  "DescribeTags",
                                                  "DescribeNetworkAcls",
                                                  "DescribeInternetGateways",
                                                  "DescribeAvailabilityZones",
                                                  "DescribeKeyPairs",
                                                  "DescribeNatGateways",
                                                  "DescribeLaunchTemplates",
                                                  "DescribeVpcEndpoints",
                                                  "DescribeAccountAttributes"};
    const uint32_t k = R().below(sizeof(kNames) / sizeof(kNames[0]));
    begin("ec2.amazonaws.com", kNames[k], true);
    actor_workload();
    d.throttle_ok = true;
    std::string& o = d.req;
    const std::string& vpc = any(site->vpcs);
    switch (k) {
      case 0:
        o += R"({"vpcSet":{"items":[{"vpcId":")";
        o += vpc;
        o += R"("}]},"filterSet":{}})";
        break;
      case 1:
        o += R"({"subnetSet":{},)";
        filter(o, "vpc-id", vpc);
        o.push_back('}');
        break;
      case 2:
        o +=
            R"({"routeTableIdSet":{},"filterSet":{"items":[{"name":"association.main","valueSet":{"items":[{"value":"true"}]}},{"name":"vpc-id","valueSet":{"items":[{"value":")";
        o += vpc;
        o += R"("}]}}]}})";
        break;
      case 3:
        o += R"({"networkInterfaceIdSet":{},)";
        filter(o, "attachment.instance-id", any(site->instances));
        o.push_back('}');
        break;
      case 4:
        o += R"({"volumeSet":{"items":[{"volumeId":")";
        o += any(site->volumes);
        o += R"("}]},"filterSet":{}})";
        break;
      case 5:
        o += R"({"publicIpsSet":{},"allocationIdsSet":{},"filterSet":{}})";
        break;
      case 6:
        o += R"({"instancesSet":{"items":[{"instanceId":")";
        o += any(site->instances);
        o += R"("}]},"filterSet":{},"includeAllInstances":true})";
        break;
      case 7:
        o += R"({"executableBySet":{},"imagesSet":{"items":[{"imageId":")";
        o += any(site->amis);
        o +=
            R"("}]},"ownersSet":{},"includeDeprecated":false,"includeDisabled":false,"filterSet":{}})";
        break;
      case 8:
        o +=
            R"({"snapshotSet":{},"ownersSet":{"items":[{"owner":"self"}]},"sharedUsersSet":{},"filterSet":{}})";
        break;
      case 9:
        o.push_back('{');
        filter(o, "resource-id", any(site->instances));
        o.push_back('}');
        break;
      case 10:
        o += R"({"networkAclIdSet":{},)";
        filter(o, "vpc-id", vpc);
        o.push_back('}');
        break;
      case 11:
        o += R"({"internetGatewayIdSet":{},)";
        filter(o, "attachment.vpc-id", vpc);
        o.push_back('}');
        break;
      case 12:
        o +=
            R"({"availabilityZoneSet":{},"availabilityZoneIdSet":{},"allAvailabilityZones":false})";
        break;
      case 13:
        o += R"({"keySet":{},"keyPairIdSet":{},"filterSet":{}})";
        break;
      case 14:
        o += R"({"DescribeNatGatewaysRequest":{"MaxResults":1000}})";
        break;
      case 15:
        o += R"({"DescribeLaunchTemplatesRequest":{"MaxResults":200}})";
        break;
      case 16:
        o += R"({"DescribeVpcEndpointsRequest":{"VpcEndpointId":{"tag":1,"content":")";
        o += site->vpce;
        o += R"("}}})";
        break;
      default:
        o +=
            R"({"accountAttributeNameSet":{"items":[{"attributeName":"supported-platforms"}]},"filterSet":{}})";
    }
    if (k == 6 && R().chance(0.02)) {
      d.error_message = "The instance ID '";
      put_new_ec2_id(d.error_message, "i");
      d.error_message += "' does not exist";
      d.error_code = "Client.InvalidInstanceID.NotFound";
      d.has_error_message = true;
    }
    return finish();
  }

  int r_ec2_describe_security_groups() {
    begin("ec2.amazonaws.com", "DescribeSecurityGroups", true);
    actor_workload();
    d.throttle_ok = true;
    std::string& o = d.req;
    if (R().chance(0.6)) {
      o += R"({"securityGroupSet":{},"securityGroupIdSet":{"items":[{"groupId":")";
      o += any(site->security_groups);
      o += R"("}]},"filterSet":{}})";
    } else {
      o += R"({"securityGroupSet":{},"securityGroupIdSet":{},)";
      filter(o, "vpc-id", any(site->vpcs));
      o.push_back('}');
    }
    return finish();
  }

  int r_ec2_write() {
    const uint32_t k = R().below(6);
    static constexpr std::string_view kNames[] = {"CreateTags",         "StartInstances",
                                                  "StopInstances",      "RunInstances",
                                                  "TerminateInstances", "DeleteTags"};
    begin("ec2.amazonaws.com", kNames[k], false);
    if (R().chance(0.6)) {
      actor_ci_user();
    } else {
      actor_sso(false, R().chance(0.5));
    }
    std::string& o = d.req;
    std::string& r = d.resp;
    const std::string& inst = any(site->instances);
    switch (k) {
      case 0:
      case 5:
        o += R"({"resourcesSet":{"items":[{"resourceId":")";
        o += inst;
        o +=
            R"("}]},"tagSet":{"items":[{"key":"Owner","value":"platform-team"},{"key":"CostCenter","value":"cc-4410"}]}})";
        put_ec2_ack(r);
        break;
      case 1:
      case 2:
      case 4: {
        o += R"({"instancesSet":{"items":[{"instanceId":")";
        o += inst;
        o += R"("}]}})";
        r += R"({"requestId":")";
        put_uuid(r, R());
        r += R"(","instancesSet":{"items":[{"instanceId":")";
        r += inst;
        r +=
            k == 1
                ? R"(","currentState":{"code":0,"name":"pending"},"previousState":{"code":80,"name":"stopped"}}]}})"
                : R"(","currentState":{"code":64,"name":"stopping"},"previousState":{"code":16,"name":"running"}}]}})";
        break;
      }
      default: {
        o += R"({"instancesSet":{"items":[{"imageId":")";
        o += any(site->amis);
        o +=
            R"(","minCount":1,"maxCount":1}]},"instanceType":"m6i.large","blockDeviceMapping":{},"monitoring":{"enabled":false},"disableApiTermination":false,"disableApiStop":false,"clientToken":")";
        put_uuid(o, R(), true);
        o += R"(","networkInterfaceSet":{"items":[{"deviceIndex":0,"subnetId":")";
        o += any(site->subnets);
        o +=
            R"("}]},"iamInstanceProfile":{"name":"batch-worker-ec2-profile"},"ebsOptimized":true,"tagSpecificationSet":{"items":[{"resourceType":"instance","tags":[{"key":"Name","value":"batch-worker"}]}]},"metadataOptions":{"httpTokens":"required","httpPutResponseHopLimit":2}})";
        r += R"({"requestId":")";
        put_uuid(r, R());
        r += R"(","reservationId":"r-0)";
        put_hex(r, R(), 16);
        r += R"(","ownerId":")";
        r += acct->id;
        r += R"(","groupSet":{},"instancesSet":{"items":[{"instanceId":")";
        put_new_ec2_id(r, "i");
        r += R"(","imageId":")";
        r += any(site->amis);
        r +=
            R"(","currentInstanceBoundary":{},"instanceState":{"code":0,"name":"pending"},"privateDnsName":"ip-)";
        r += "10-";
        put_uint(r, R().range(16, 250));
        r += "-";
        put_uint(r, R().range(0, 63));
        r += "-";
        put_uint(r, R().range(4, 250));
        r += ".ec2.internal";
        r += R"(","amiLaunchIndex":0,"productCodes":{},"instanceType":"m6i.large","launchTime":)";
        put_int(r, d.time * 1000);
        r += R"(,"placement":{"availabilityZone":")";
        r += region;
        r +=
            R"(a","tenancy":"default"},"monitoring":{"state":"disabled"},"stateReason":{"code":"pending","message":"pending"},"architecture":"x86_64","rootDeviceType":"ebs","rootDeviceName":"/dev/xvda","blockDeviceMapping":{},"virtualizationType":"hvm","hypervisor":"xen","enaSupport":true,"sourceDestCheck":true,"metadataOptions":{"state":"pending","httpTokens":"required","httpPutResponseHopLimit":2,"httpEndpoint":"enabled"}}]}})";
      }
    }
    return finish();
  }

  int r_s3_bucket_read() {
    static constexpr std::string_view kOps[][2] = {
        {"GetBucketAcl", "acl"},
        {"GetBucketLocation", "location"},
        {"GetBucketVersioning", "versioning"},
        {"GetBucketEncryption", "encryption"},
        {"GetBucketPolicy", "policy"},
        {"GetBucketPublicAccessBlock", "publicAccessBlock"},
        {"GetBucketTagging", "tagging"},
        {"GetBucketLogging", "logging"},
        {"GetBucketLifecycle", "lifecycle"},
        {"GetBucketOwnershipControls", "ownershipControls"},
        {"GetBucketPolicyStatus", "policyStatus"},
        {"HeadBucket", ""},
    };
    const uint32_t k = R().below(sizeof(kOps) / sizeof(kOps[0]));
    s3_begin(kOps[k][0], true, any(acct->buckets), kOps[k][1]);
    d.req.push_back('}');
    actor_workload();
    if (a.ua == UaKind::kConsole) a.ua_internal = false;
    int out_bytes = R().range(180, 900);
    if (k == 4 && R().chance(0.35)) {
      error("NoSuchBucketPolicy", "The bucket policy does not exist");
      out_bytes = 0;
    } else if (k == 6 && R().chance(0.3)) {
      error("NoSuchTagSet", "The TagSet does not exist");
      out_bytes = 0;
    }
    s3_additional(0, out_bytes);
    return finish();
  }

  void kms_invoked_decrypt(std::string_view via) {
    // A principal's call that a service makes on its behalf.
    const uint32_t k = R().below(4);
    if (k == 0) {
      actor_instance_role();
    } else if (k == 1) {
      actor_ecs_role();
    } else {
      actor_service_user();
    }
    d.vpce = {};
    a.invoked_by = via;
  }

  int r_kms_decrypt() {
    begin("kms.amazonaws.com", "Decrypt", true);
    d.throttle_ok = true;
    const std::string& key = any(site->kms_keys);
    std::string& o = d.req;
    const uint32_t k = R().below(10);
    if (k < 4) {
      kms_invoked_decrypt("secretsmanager.amazonaws.com");
      o += R"({"encryptionAlgorithm":"SYMMETRIC_DEFAULT","encryptionContext":{"SecretARN":")";
      secret_arn(o, any(site->secrets));
      o += R"(","SecretVersionId":")";
      put_uuid(o, R(), true);
      o += R"("}})";
    } else if (k < 6) {
      kms_invoked_decrypt("ssm.amazonaws.com");
      o +=
          R"({"encryptionAlgorithm":"SYMMETRIC_DEFAULT","encryptionContext":{"PARAMETER_ARN":"arn:aws:ssm:)";
      o += region;
      o.push_back(':');
      o += acct->id;
      o += ":parameter";
      o += any(site->parameters);
      o += R"("}})";
    } else if (k < 8) {
      actor_workload();
      d.vpce = {};
      a.invoked_by = "AWS Internal";
      o += R"({"encryptionContext":{"aws:s3:arn":"arn:aws:s3:::)";
      o += any(acct->buckets);
      o += "/";
      put_uint(o, uint64_t(civil_from_epoch(t).year));
      o += "/";
      put_hex(o, R(), 12);
      o += R"(.parquet"},"encryptionAlgorithm":"SYMMETRIC_DEFAULT"})";
    } else if (k < 9) {
      actor_lambda_role();
      o += R"({"encryptionContext":{"aws:lambda:FunctionArn":"arn:aws:lambda:)";
      o += region;
      o.push_back(':');
      o += acct->id;
      o += ":function:";
      o += a.role->workload;
      o += R"("},"encryptionAlgorithm":"SYMMETRIC_DEFAULT"})";
      a.ua_internal = true;
    } else {
      actor_workload();
      o += R"({"encryptionAlgorithm":"SYMMETRIC_DEFAULT"})";
    }
    kms_resource(key);
    return finish();
  }

  int r_kms_generate_data_key() {
    begin("kms.amazonaws.com", "GenerateDataKey", true);
    d.throttle_ok = true;
    const std::string& key = any(site->kms_keys);
    std::string& o = d.req;
    if (R().chance(0.6)) {
      actor_workload();
      d.vpce = {};
      a.invoked_by = "AWS Internal";
      o += R"({"keyId":")";
      kms_key_arn(o, key);
      o += R"(","encryptionContext":{"aws:s3:arn":"arn:aws:s3:::)";
      o += any(acct->buckets);
      o += R"("},"keySpec":"AES_256"})";
    } else {
      actor_workload();
      o += R"({"keyId":"alias/)";
      o += R().chance(0.5) ? "app-data" : "orders-envelope";
      o += R"(","keySpec":"AES_256"})";
    }
    kms_resource(key);
    return finish();
  }

  int r_kms_misc() {
    static constexpr std::string_view kNames[] = {"Encrypt", "DescribeKey", "ListAliases",
                                                  "ListKeys", "GetKeyRotationStatus"};
    const uint32_t k = R().below(5);
    begin("kms.amazonaws.com", kNames[k], true);
    actor_workload();
    d.throttle_ok = true;
    const std::string& key = any(site->kms_keys);
    std::string& o = d.req;
    switch (k) {
      case 0:
        o += R"({"keyId":"alias/app-data","encryptionAlgorithm":"SYMMETRIC_DEFAULT"})";
        kms_resource(key);
        break;
      case 1:
      case 4:
        o += R"({"keyId":")";
        o += key;
        o += R"("})";
        kms_resource(key);
        break;
      case 2:
        o += R"({"limit":100})";
        break;
      default:
        o += R"({"limit":1000})";
    }
    return finish();
  }

  void ssm_parameter_resource(const std::string& name) {
    // ssm resources lack "type", as in real trails.
    d.resources += R"([{"accountId":")";
    d.resources += acct->id;
    d.resources += R"(","ARN":"arn:aws:ssm:)";
    d.resources += region;
    d.resources.push_back(':');
    d.resources += acct->id;
    d.resources += ":parameter";
    d.resources += name;
    d.resources += R"("}])";
  }

  int r_ssm_get_parameter() {
    begin("ssm.amazonaws.com", "GetParameter", true);
    actor_workload();
    d.throttle_ok = true;
    const std::string& name = any(site->parameters);
    d.req += R"({"name":")";
    d.req += name;
    d.req += R().chance(0.7) ? R"(","withDecryption":true})" : R"("})";
    ssm_parameter_resource(name);
    if (R().chance(0.02)) d.error_code = "ParameterNotFound";
    return finish();
  }

  int r_ssm_get_parameters() {
    const bool by_path = R().chance(0.4);
    begin("ssm.amazonaws.com", by_path ? "GetParametersByPath" : "GetParameters", true);
    actor_workload();
    d.throttle_ok = true;
    std::string& o = d.req;
    if (by_path) {
      constexpr std::string_view kPaths[] = {"/prod/orders", "/prod/payments", "/shared",
                                             "/prod/web", "/ci/terraform"};
      o += R"({"path":")";
      o += R().pick(kPaths);
      o += R"(","recursive":true,"withDecryption":true})";
    } else {
      o += R"({"names":[")";
      o += any(site->parameters);
      o += R"(",")";
      o += any(site->parameters);
      o += R"("],"withDecryption":true})";
    }
    return finish();
  }

  int r_ssm_agent() {
    const bool update = R().chance(0.6);
    begin("ssm.amazonaws.com", update ? "UpdateInstanceInformation" : "ListInstanceAssociations",
          !update);
    actor_instance_role();
    a.ua = UaKind::kSsmAgent;
    const std::string& inst = a.session;
    std::string& o = d.req;
    if (update) {
      o += R"({"instanceId":")";
      o += inst;
      o +=
          R"(","agentVersion":"3.3.1142.0","agentStatus":"Active","platformType":"Linux","platformName":"Amazon Linux","platformVersion":"2023","iPAddress":")";
      scratch.clear();
      put_host_ip(scratch, inst);
      o += scratch;
      o += R"(","computerName":"ip-)";
      for (char c : scratch) o.push_back(c == '.' ? '-' : c);
      o += region == "us-east-1" ? std::string_view(".ec2.internal") : std::string_view(".");
      if (region != "us-east-1") {
        o += region;
        o += ".compute.internal";
      }
      o += R"(","agentName":"amazon-ssm-agent","availabilityZone":")";
      o += region;
      o += R"(b","sSMConnectionChannel":"ssmmessages"})";
    } else {
      o += R"({"instanceId":")";
      o += inst;
      o += R"(","maxResults":20})";
    }
    return finish();
  }

  int r_ssm_describe() {
    const bool info = R().chance(0.6);
    begin("ssm.amazonaws.com", info ? "DescribeInstanceInformation" : "DescribeParameters", true);
    actor_workload();
    d.throttle_ok = true;
    if (info) {
      d.req += R"({"maxResults":50,"filters":[{"key":"InstanceIds","values":[")";
      d.req += any(site->instances);
      d.req += R"("]}]})";
    } else if (R().chance(0.5)) {
      d.req +=
          R"({"maxResults":50,"parameterFilters":[{"key":"Name","option":"BeginsWith","values":["/prod/"]}]})";
    }
    return finish();
  }

  int r_sts_get_caller_identity() {
    begin("sts.amazonaws.com", "GetCallerIdentity", true);
    actor_workload();
    d.throttle_ok = true;
    return finish();
  }

  void assume_role_response(const Role& role, std::string_view session, int duration) {
    std::string& r = d.resp;
    r += R"({"credentials":{"accessKeyId":"ASIA)";
    r += acct->key_infix;
    put_chars(r, R(), kBase32, 12);
    r += R"(","sessionToken":")";
    put_session_token(r);
    r += R"(","expiration":")";
    put_human(r, d.time + duration, true);
    r += R"("},"assumedRoleUser":{"assumedRoleId":")";
    r += role.role_id;
    r.push_back(':');
    r += session;
    r += R"(","arn":"arn:aws:sts::)";
    r += acct->id;
    r += ":assumed-role/";
    r += role.name;
    r.push_back('/');
    r += session;
    r += R"("}})";
    d.resources += R"([{"accountId":")";
    d.resources += acct->id;
    d.resources += R"(","type":"AWS::IAM::Role","ARN":")";
    put_role_arn(d.resources, role);
    d.resources += R"("}])";
  }

  int r_sts_assume_role() {
    begin("sts.amazonaws.com", "AssumeRole", true);
    const Role* target;
    if (R().chance(0.5)) {
      actor_ci_user();
      const auto& v = X().changeable;
      target = &acct->roles[size_t(v[R().below(uint32_t(v.size()))])];
      for (const Role& role : acct->roles) {
        if (role.kind == RoleKind::kCiDeploy) target = &role;
      }
    } else {
      actor_workload();
      target = &changeable_role();
    }
    scratch.clear();
    if (a.kind == ActorKind::kUserKey) {
      scratch += "terraform-";
      put_uint(scratch, uint64_t(d.time) * 1000 + R().below(1000));
    } else {
      scratch += "botocore-session-";
      put_uint(scratch, uint64_t(d.time));
    }
    d.req += R"({"roleArn":")";
    put_role_arn(d.req, *target);
    d.req += R"(","roleSessionName":")";
    d.req += scratch;
    d.req += R"(","durationSeconds":3600})";
    assume_role_response(*target, scratch, 3600);
    return finish();
  }

  int r_sts_service_assume_role() {
    begin("sts.amazonaws.com", "AssumeRole", true);
    const uint32_t k = R().below(10);
    const Role* role;
    scratch.clear();
    if (k < 5) {
      actor_service("ec2.amazonaws.com");
      role = &acct->roles[size_t(any_of(X().instance))];
      scratch += site->instances[fnv1a(role->name) % uint32_t(site->instances.size())];
    } else if (k < 8) {
      actor_service("lambda.amazonaws.com");
      role = &acct->roles[size_t(any_of(X().lambda))];
      scratch += role->workload;
    } else {
      actor_service("ecs-tasks.amazonaws.com");
      role = &acct->roles[size_t(any_of(X().ecs))];
      put_hex(scratch, R(), 32);
    }
    d.req += R"({"roleArn":")";
    put_role_arn(d.req, *role);
    d.req += R"(","roleSessionName":")";
    d.req += scratch;
    d.req += R"(","durationSeconds":3600})";
    assume_role_response(*role, scratch, 3600);
    d.shared_event_id = true;
    return finish();
  }

  int any_of(const std::vector<int>& v) { return v[R().below(uint32_t(v.size()))]; }

  int r_lambda() {
    static constexpr std::string_view kNames[] = {"ListFunctions20150331",
                                                  "GetFunction20150331v2",
                                                  "GetFunctionConfiguration20150331v2",
                                                  "ListEventSourceMappings20150331",
                                                  "GetPolicy20150331v2",
                                                  "UpdateFunctionCode20150331v2"};
    const uint32_t k = R().below(6);
    begin("lambda.amazonaws.com", kNames[k], k != 5);
    if (k == 5) {
      actor_ci_user();
    } else {
      actor_workload();
    }
    d.throttle_ok = true;
    const std::string& fn = any(site->functions);
    std::string& o = d.req;
    if (k == 0) {
      o += R"({"maxItems":50})";
    } else if (k == 3) {
      o += R"({"functionName":")";
      o += fn;
      o += R"("})";
    } else if (k == 5) {
      o += R"({"functionName":")";
      o += fn;
      o += R"(","publish":true,"dryRun":false,"s3Bucket":")";
      o += acct->buckets[0];
      o += R"(","s3Key":"lambda/)";
      o += fn;
      o += "/";
      put_hex(o, R(), 40);
      o += R"(.zip"})";
      std::string& r = d.resp;
      r += R"({"functionName":")";
      r += fn;
      r += R"(","functionArn":"arn:aws:lambda:)";
      r += region;
      r.push_back(':');
      r += acct->id;
      r += ":function:";
      r += fn;
      r += R"(","runtime":"python3.12","role":"arn:aws:iam::)";
      r += acct->id;
      r += ":role/service-role/";
      r += fn;
      r += R"(-lambda-role","handler":"app.handler","codeSize":)";
      put_uint(r, uint64_t(R().range(20000, 9000000)));
      r += R"(,"description":"","timeout":30,"memorySize":512,"lastModified":")";
      put_iso(r, d.time);
      r += R"(","codeSha256":")";
      put_chars(r, R(), kBase64, 43);
      r += R"(=","version":"$LATEST","tracingConfig":{"mode":"PassThrough"},"revisionId":")";
      put_uuid(r, R());
      r +=
          R"(","state":"Active","lastUpdateStatus":"InProgress","packageType":"Zip","architectures":["arm64"],"ephemeralStorage":{"size":512}})";
    } else {
      o += R"({"functionName":")";
      o += fn;
      o += R"("})";
    }
    return finish();
  }

  int r_cloudwatch() {
    static constexpr std::string_view kNames[] = {"DescribeAlarms", "ListMetrics", "GetDashboard",
                                                  "DescribeAlarmsForMetric", "ListDashboards"};
    const uint32_t k = R().below(5);
    begin("monitoring.amazonaws.com", kNames[k], true);
    actor_workload();
    d.throttle_ok = true;
    std::string& o = d.req;
    switch (k) {
      case 0:
        if (R().chance(0.5)) {
          o += R"({"stateValue":"ALARM","maxRecords":100})";
        } else {
          o += R"({"alarmNames":[")";
          o += any(site->functions);
          o += R"(-errors"]})";
        }
        break;
      case 1:
        o += R"({"namespace":"AWS/EC2","metricName":"CPUUtilization"})";
        break;
      case 2:
        o += R"({"dashboardName":"platform-overview"})";
        break;
      case 3:
        o +=
            R"({"metricName":"Errors","namespace":"AWS/Lambda","dimensions":[{"name":"FunctionName","value":")";
        o += any(site->functions);
        o += R"("}]})";
        break;
      default:
        o += R"({"dashboardNamePrefix":""})";
    }
    return finish();
  }

  int r_logs() {
    const uint32_t k = R().below(10);
    std::string& o = d.req;
    if (k < 4) {
      begin("logs.amazonaws.com", "CreateLogStream", false);
      actor_lambda_role();
      a.ua_internal = true;
      o += R"({"logGroupName":"/aws/lambda/)";
      o += a.role->workload;
      o += R"(","logStreamName":")";
      const Civil c = civil_from_epoch(t);
      put_4d(o, c.year);
      o.push_back('/');
      put_2d(o, c.month);
      o.push_back('/');
      put_2d(o, c.day);
      o += "/[$LATEST]";
      put_hex(o, R(), 32);
      o += R"("})";
    } else if (k < 7) {
      begin("logs.amazonaws.com", "DescribeLogGroups", true);
      actor_workload();
      o += R"({"logGroupNamePrefix":"/aws/lambda/","limit":50})";
    } else if (k < 9) {
      begin("logs.amazonaws.com", "DescribeLogStreams", true);
      actor_workload();
      o += R"({"logGroupName":")";
      o += any(site->log_groups);
      o += R"(","orderBy":"LastEventTime","descending":true,"limit":50})";
    } else {
      begin("logs.amazonaws.com", "FilterLogEvents", true);
      actor_sso(false, true);
      o += R"({"logGroupName":")";
      o += any(site->log_groups);
      o += R"(","startTime":)";
      put_int(o, (d.time - 3600) * 1000);
      o += R"(,"endTime":)";
      put_int(o, d.time * 1000);
      o += R"(,"filterPattern":"ERROR","interleaved":true})";
    }
    d.throttle_ok = true;
    return finish();
  }

  int r_secrets() {
    const uint32_t k = R().below(10);
    const std::string& secret = any(site->secrets);
    std::string& o = d.req;
    if (k < 5) {
      begin("secretsmanager.amazonaws.com", "GetSecretValue", true);
      if (R().chance(0.5)) {
        actor_ecs_role();
      } else {
        actor_lambda_role();
      }
      o += R"({"secretId":")";
      secret_arn(o, secret);
      o += R"("})";
    } else if (k < 8) {
      begin("secretsmanager.amazonaws.com", "DescribeSecret", true);
      actor_workload();
      o += R"({"secretId":")";
      o += secret.substr(0, secret.size() - 7);
      o += R"("})";
    } else {
      begin("secretsmanager.amazonaws.com", "ListSecrets", true);
      actor_workload();
      o += R"({"maxResults":100})";
    }
    d.throttle_ok = true;
    return finish();
  }

  int r_rds() {
    static constexpr std::string_view kNames[] = {"DescribeDBInstances", "DescribeDBClusters",
                                                  "DescribeDBSnapshots", "ListTagsForResource"};
    const uint32_t k = R().below(4);
    begin("rds.amazonaws.com", kNames[k], true);
    actor_workload();
    d.throttle_ok = true;
    std::string& o = d.req;
    if (k == 0) {
      o += R"({"dBInstanceIdentifier":")";
      o += any(site->db_instances);
      o += R"("})";
    } else if (k == 1) {
      o += R"({"includeShared":false})";
    } else if (k == 2) {
      o += R"({"dBInstanceIdentifier":")";
      o += any(site->db_instances);
      o += R"(","snapshotType":"automated","includeShared":false,"includePublic":false})";
    } else {
      o += R"({"resourceName":"arn:aws:rds:)";
      o += region;
      o.push_back(':');
      o += acct->id;
      o += ":db:";
      o += any(site->db_instances);
      o += R"("})";
    }
    return finish();
  }

  void put_trail_arn(std::string& o) {
    o += "arn:aws:cloudtrail:us-east-1:";
    o += acct->id;
    o += ":trail/";
    o += acct->trail_name;
  }

  int r_cloudtrail_read() {
    static constexpr std::string_view kNames[] = {"DescribeTrails", "GetTrailStatus",
                                                  "LookupEvents", "GetEventSelectors"};
    const uint32_t k = R().below(4);
    begin("cloudtrail.amazonaws.com", kNames[k], true);
    actor_workload();
    std::string& o = d.req;
    if (k == 0) {
      o += R"({"trailNameList":[],"includeShadowTrails":true})";
    } else if (k == 1) {
      o += R"({"name":")";
      put_trail_arn(o);
      o += R"("})";
    } else if (k == 2) {
      o +=
          R"({"maxResults":50,"lookupAttributes":[{"attributeKey":"ReadOnly","attributeValue":"false"}],"startTime":")";
      put_human(o, d.time - 86400, true);
      o += R"("})";
    } else {
      o += R"({"trailName":")";
      o += acct->trail_name;
      o += R"("})";
    }
    return finish();
  }

  int r_ecr() {
    begin("ecr.amazonaws.com", "GetAuthorizationToken", true);
    if (R().chance(0.6)) {
      actor_ecs_role();
      a.invoked_by = "ecs.amazonaws.com";
      d.vpce = {};
    } else {
      actor_ci_user();
      a.ua = UaKind::kGo;
    }
    d.throttle_ok = true;
    return finish();
  }

  int r_elb() {
    static constexpr std::string_view kNames[] = {"DescribeTargetHealth", "DescribeLoadBalancers",
                                                  "DescribeTargetGroups", "DescribeListeners"};
    const uint32_t k = R().below(4);
    begin("elasticloadbalancing.amazonaws.com", kNames[k], true);
    actor_workload();
    d.throttle_ok = true;
    std::string& o = d.req;
    if (k == 0 || k == 2) {
      o += R"({"targetGroupArn":")";
      o += any(site->target_groups);
      o += R"("})";
    } else if (k == 1) {
      o += R"({"pageSize":400})";
    } else {
      o += R"({"loadBalancerArn":"arn:aws:elasticloadbalancing:)";
      o += region;
      o.push_back(':');
      o += acct->id;
      o += ":loadbalancer/app/public-alb/";
      put_hex(o, R(), 16);
      o += R"("})";
    }
    return finish();
  }

  int r_autoscaling() {
    const bool groups = R().chance(0.7);
    begin("autoscaling.amazonaws.com",
          groups ? "DescribeAutoScalingGroups" : "DescribeScalingActivities", true);
    actor_workload();
    d.throttle_ok = true;
    d.req += groups ? R"({"autoScalingGroupNames":["batch-worker-asg"],"maxRecords":100})"
                    : R"({"autoScalingGroupName":"batch-worker-asg","maxRecords":20})";
    return finish();
  }

  int r_dynamodb() {
    const bool describe = R().chance(0.75);
    begin("dynamodb.amazonaws.com", describe ? "DescribeTable" : "ListTables", true);
    actor_workload();
    d.throttle_ok = true;
    if (describe) {
      const std::string& table = any(site->tables);
      d.req += R"({"tableName":")";
      d.req += table;
      d.req += R"("})";
      d.resources += R"([{"accountId":")";
      d.resources += acct->id;
      d.resources += R"(","type":"AWS::DynamoDB::Table","ARN":"arn:aws:dynamodb:)";
      d.resources += region;
      d.resources.push_back(':');
      d.resources += acct->id;
      d.resources += ":table/";
      d.resources += table;
      d.resources += R"("}])";
    } else {
      d.req += R"({"limit":100})";
    }
    return finish();
  }

  int r_service_event() {
    begin("kms.amazonaws.com", "RotateKey", false);
    reset_actor(ActorKind::kServiceEvent);
    a.invoked_by = "kms.amazonaws.com";
    d.event_type = "AwsServiceEvent";
    d.req_id = ReqId::kNone;
    const std::string& key = any(site->kms_keys);
    kms_resource(key);
    d.service_details += R"({"keyId":")";
    d.service_details += key;
    d.service_details += R"("})";
    return finish();
  }

  // ---- Global (us-east-1) routine ----

  int r_iam_read() {
    static constexpr std::string_view kNames[] = {"GetUser",
                                                  "GetRole",
                                                  "ListRoles",
                                                  "ListAttachedRolePolicies",
                                                  "ListRolePolicies",
                                                  "GetPolicy",
                                                  "GetPolicyVersion",
                                                  "ListUsers",
                                                  "ListAccessKeys",
                                                  "GetAccountSummary",
                                                  "ListMFADevices",
                                                  "GetInstanceProfile",
                                                  "ListPolicies",
                                                  "ListGroupsForUser",
                                                  "GetAccountPasswordPolicy",
                                                  "GetUser"};
    const uint32_t k = R().below(sizeof(kNames) / sizeof(kNames[0]));
    begin("iam.amazonaws.com", kNames[k], true);
    global_region();
    if (k == 0 || k == 15) {
      // Terraform and scripts look themselves up with GetUser and no parameters.
      if (R().chance(0.6)) {
        actor_ci_user();
      } else {
        actor_service_user();
      }
      return finish();
    }
    if (R().chance(0.3)) {
      actor_ci_user();
    } else {
      actor_workload();
    }
    std::string& o = d.req;
    const Role& role = changeable_role();
    const User& user = any_user();
    switch (k) {
      case 1:
      case 3:
      case 4:
        o += R"({"roleName":")";
        o += role.name;
        o += R"("})";
        break;
      case 2:
        o += R"({"maxItems":1000})";
        break;
      case 5:
        o += R"({"policyArn":")";
        o += R().pick(kManagedPolicies);
        o += R"("})";
        break;
      case 6:
        o += R"({"policyArn":"arn:aws:iam::)";
        o += acct->id;
        o += ":policy/";
        o += any(acct->policies);
        o += R"(","versionId":"v)";
        put_uint(o, uint64_t(R().range(1, 6)));
        o += R"("})";
        break;
      case 8:
      case 10:
      case 13:
        o += R"({"userName":")";
        o += user.name;
        o += R"("})";
        break;
      case 11:
        o += R"({"instanceProfileName":")";
        o += role.name;
        o += R"("})";
        break;
      case 12:
        o += R"({"scope":"Local","onlyAttached":false,"maxItems":100})";
        break;
      default:
        break;  // ListUsers, GetAccountSummary, GetAccountPasswordPolicy: no parameters
    }
    if (k == 1 && R().chance(0.03)) {
      error("NoSuchEntityException", "");
      d.error_message = "The role with name ";
      d.error_message += role.name;
      d.error_message += "-old cannot be found.";
      d.has_error_message = true;
    }
    d.throttle_ok = true;
    return finish();
  }

  int r_s3_list_buckets() {
    begin("s3.amazonaws.com", "ListBuckets", true);
    global_region();
    d.req_id = ReqId::kS3;
    actor_workload();
    d.req += R"({"Host":"s3.amazonaws.com"})";
    d.tls_host = "s3.amazonaws.com";
    s3_additional(0, R().range(900, 4000));
    return finish();
  }

  void console_login(bool success, bool mfa, std::string_view login_to) {
    begin("signin.amazonaws.com", "ConsoleLogin", false);
    global_region();
    d.event_type = "AwsConsoleSignIn";
    d.req_id = ReqId::kNone;
    d.tls = TlsMode::kForce;
    d.tls_host = R().chance(0.5) ? "signin.aws.amazon.com" : "us-east-1.signin.aws.amazon.com";
    d.resp = success ? R"({"ConsoleLogin":"Success"})" : R"({"ConsoleLogin":"Failure"})";
    if (!success) error("", "Failed authentication");
    std::string& o = d.add;
    o += R"({"LoginTo":")";
    o += login_to;
    o += R"(","MobileVersion":"No",)";
    if (success && mfa) {
      o += R"("MFAIdentifier":"arn:aws:iam::)";
      o += acct->id;
      o += ":mfa/";
      o += a.user != nullptr ? std::string_view(a.user->name)
                             : std::string_view("root-account-mfa-device");
      o += R"(",)";
    }
    o += R"("MFAUsed":")";
    o += mfa ? "Yes" : "No";
    o += R"("})";
  }

  // The identity of a sign-in event: no access key, no sessionContext.
  void signin_ident_user(const User& u, bool hidden) {
    std::string& o = d.ident;
    o.clear();
    if (hidden) {
      o += R"({"type":"IAMUser","accountId":")";
      o += acct->id;
      o += R"(","accessKeyId":"","userName":"HIDDEN_DUE_TO_SECURITY_REASONS"})";
      return;
    }
    o += R"({"type":"IAMUser","principalId":")";
    o += u.principal_id;
    o += R"(","arn":"arn:aws:iam::)";
    o += acct->id;
    o += ":user/";
    o += u.name;
    o += R"(","accountId":")";
    o += acct->id;
    o += R"(","userName":")";
    o += u.name;
    o += R"("})";
  }

  // Writes a sign-in record with a prepared identity (bypasses build_ident).
  int finish_signin(std::string_view ip, std::string_view ua) {
    d.ip.assign(ip);
    d.ua.assign(ua);
    serialize(true);
    ++emitted;
    return 1;
  }

  int r_console_login_routine() {
    const auto& v = X().humans;
    const User& u = acct->users[size_t(v[R().below(uint32_t(v.size()))])];
    reset_actor(ActorKind::kUserConsole);
    a.user = &u;
    console_login(
        true, true,
        "https://console.aws.amazon.com/console/"
        "home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1_c63b4a0c1b2d6e3f");
    signin_ident_user(u, false);
    put_corp_ip(a.ip);
    return finish_signin(a.ip, kBrowsers[fnv1a(u.name) % 4]);
  }

  int r_organizations_read() {
    const bool describe = R().chance(0.6);
    begin("organizations.amazonaws.com", describe ? "DescribeOrganization" : "ListAccounts", true);
    global_region();
    actor_workload();
    if (!describe) d.req += R"({"maxResults":20})";
    return finish();
  }

  int r_health() {
    begin("health.amazonaws.com", "DescribeEventAggregates", true);
    global_region();
    actor_sso(false, true);
    a.invoked_by = "health.amazonaws.com";
    a.ua_internal = true;
    std::string& o = d.req;
    o += R"({"filter":{"startTimes":[{"from":")";
    put_human(o, d.time - 7 * 86400, true);
    o += R"("}],"eventStatusCodes":["open","upcoming"]},"aggregateField":"eventTypeCategory"})";
    d.fixed_ip = true;
    d.ip = "health.amazonaws.com";
    d.ua = "AWS Internal";
    return finish();
  }

  // ==== Security-relevant events ============================================================

  // Policy documents, as IAM receives them (compact or pretty-printed by Terraform).
  void policy_document(std::string& doc, uint32_t kind) {
    doc.clear();
    switch (kind % 6) {
      case 0:
        doc +=
            R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})";
        break;
      case 1:
        doc +=
            "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": "
            "\"Allow\",\n      \"Action\": [\n        \"s3:GetObject\",\n        "
            "\"s3:ListBucket\"\n      ],\n      \"Resource\": [\n        \"arn:aws:s3:::";
        doc += acct->buckets[0];
        doc += "\",\n        \"arn:aws:s3:::";
        doc += acct->buckets[0];
        doc += "/*\"\n      ]\n    }\n  ]\n}";
        break;
      case 2:
        doc +=
            R"({"Version":"2012-10-17","Statement":[{"Sid":"PassAndCreate","Effect":"Allow","Action":["iam:PassRole","lambda:CreateFunction","lambda:InvokeFunction","lambda:UpdateFunctionCode"],"Resource":"*"}]})";
        break;
      case 3:
        doc +=
            R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm:GetParameter","ssm:GetParameters","ssm:GetParametersByPath"],"Resource":"arn:aws:ssm:*:)";
        doc += acct->id;
        doc += R"(:parameter/prod/*"},{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]})";
        break;
      case 4:
        doc +=
            R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["secretsmanager:GetSecretValue","secretsmanager:ListSecrets"],"Resource":"*"}]})";
        break;
      default:
        doc +=
            R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:CreateAccessKey","iam:CreateLoginProfile","iam:UpdateLoginProfile","iam:AttachUserPolicy"],"Resource":"arn:aws:iam::)";
        doc += acct->id;
        doc += R"(:user/*"}]})";
    }
  }

  void trust_document(std::string& doc, bool external) {
    doc.clear();
    if (external) {
      doc +=
          R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::)";
      doc += w.external_accounts[R().below(uint32_t(w.external_accounts.size()))];
      doc += R"(:root"},"Action":"sts:AssumeRole"}]})";
    } else {
      doc +=
          R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
    }
  }

  void iam_begin(std::string_view name) {
    begin("iam.amazonaws.com", name, false);
    global_region();
  }

  void put_policy_param(std::string& o, uint32_t kind) {
    policy_document(scratch2, kind);
    o += R"("policyDocument":")";
    put_escaped(o, scratch2);
    o.push_back('"');
  }

  int s_attach_role_policy() {
    iam_begin("AttachRolePolicy");
    actor_privileged(0.4);
    d.req += R"({"roleName":")";
    d.req += changeable_role().name;
    d.req += R"(","policyArn":")";
    d.req += a.attacker ? kManagedPolicies[R().below(3)] : R().pick(kManagedPolicies);
    d.req += R"("})";
    return finish();
  }

  int s_put_role_policy() {
    iam_begin("PutRolePolicy");
    actor_privileged(0.35);
    d.req += R"({"roleName":")";
    d.req += changeable_role().name;
    d.req += R"(","policyName":")";
    d.req += a.attacker ? "inline-admin" : "app-inline-policy";
    d.req += R"(",)";
    put_policy_param(d.req, a.attacker ? 0 : R().below(6));
    d.req.push_back('}');
    return finish();
  }

  int s_detach_role_policy() {
    iam_begin("DetachRolePolicy");
    actor_privileged(0.2);
    d.req += R"({"roleName":")";
    d.req += changeable_role().name;
    d.req += R"(","policyArn":")";
    d.req += R().pick(kManagedPolicies);
    d.req += R"("})";
    return finish();
  }

  int s_delete_role_policy() {
    iam_begin("DeleteRolePolicy");
    actor_privileged(0.2);
    d.req += R"({"roleName":")";
    d.req += changeable_role().name;
    d.req += R"(","policyName":")";
    d.req += R().chance(0.5) ? "app-inline-policy" : "deny-sensitive-actions";
    d.req += R"("})";
    return finish();
  }

  int s_update_assume_role_policy() {
    iam_begin("UpdateAssumeRolePolicy");
    actor_privileged(0.5);
    trust_document(scratch2, a.attacker || R().chance(0.3));
    d.req += R"({"policyDocument":")";
    put_escaped(d.req, scratch2);
    d.req += R"(","roleName":")";
    d.req += changeable_role().name;
    d.req += R"("})";
    return finish();
  }

  void new_user_name(std::string& o) {
    constexpr std::string_view kNames[] = {"svc-backup2",         "support-temp",
                                           "aws-health-check",    "deploy-bot-2",
                                           "monitoring-readonly", "s3-sync"};
    o += R().pick(kNames);
  }

  void put_user_response(std::string_view user_name) {
    std::string& r = d.resp;
    r += R"({"user":{"path":"/","userName":")";
    r += user_name;
    r += R"(","userId":"AIDA)";
    r += acct->key_infix;
    put_chars(r, R(), kBase32, 12);
    r += R"(","arn":"arn:aws:iam::)";
    r += acct->id;
    r += ":user/";
    r += user_name;
    r += R"(","createDate":")";
    put_human(r, d.time, false);
    r += R"("}})";
  }

  int s_create_user() {
    iam_begin("CreateUser");
    actor_privileged(0.4);
    scratch.clear();
    new_user_name(scratch);
    d.req += R"({"userName":")";
    d.req += scratch;
    d.req += R"(","path":"/"})";
    put_user_response(scratch);
    return finish();
  }

  void access_key_response(std::string_view user_name) {
    std::string& r = d.resp;
    r += R"({"accessKey":{"accessKeyId":"AKIA)";
    r += acct->key_infix;
    put_chars(r, R(), kBase32, 12);
    r += R"(","status":"Active","userName":")";
    r += user_name;
    r += R"(","createDate":")";
    put_human(r, d.time, false);
    r += R"("}})";
  }

  int s_create_access_key() {
    iam_begin("CreateAccessKey");
    actor_privileged(0.5);
    // A key for another user: the pattern that matters.
    const User* target = &any_user();
    if (a.user == target) target = &acct->users[0];
    if (a.user == target) target = &acct->users[1];
    d.req += R"({"userName":")";
    d.req += target->name;
    d.req += R"("})";
    access_key_response(target->name);
    return finish();
  }

  void login_profile(std::string_view user_name) {
    d.req += R"({"userName":")";
    d.req += user_name;
    d.req += R"(","passwordResetRequired":false})";
    d.resp += R"({"loginProfile":{"userName":")";
    d.resp += user_name;
    d.resp += R"(","createDate":")";
    put_human(d.resp, d.time, false);
    d.resp += R"(","passwordResetRequired":false}})";
  }

  int s_create_login_profile() {
    iam_begin("CreateLoginProfile");
    actor_privileged(0.5);
    const auto& v = X().service_users;
    login_profile(acct->users[size_t(v[R().below(uint32_t(v.size()))])].name);
    return finish();
  }

  int s_attach_user_policy() {
    iam_begin("AttachUserPolicy");
    actor_privileged(0.4);
    d.req += R"({"userName":")";
    d.req += any_user().name;
    d.req += R"(","policyArn":")";
    d.req += a.attacker ? kManagedPolicies[0] : R().pick(kManagedPolicies);
    d.req += R"("})";
    return finish();
  }

  int s_put_user_policy() {
    iam_begin("PutUserPolicy");
    actor_privileged(0.4);
    d.req += R"({"userName":")";
    d.req += any_user().name;
    d.req += R"(","policyName":")";
    d.req += a.attacker ? "AllowAll" : "s3-read-reports";
    d.req += R"(",)";
    put_policy_param(d.req, a.attacker ? 0 : 1);
    d.req.push_back('}');
    return finish();
  }

  int s_create_policy() {
    iam_begin("CreatePolicy");
    actor_privileged(0.3);
    scratch.clear();
    scratch += a.attacker ? "ops-maintenance" : "team-access-";
    if (!a.attacker) put_chars(scratch, R(), kLowerAlnum, 6);
    d.req += R"({"policyName":")";
    d.req += scratch;
    d.req += R"(","path":"/",)";
    put_policy_param(d.req, a.attacker ? 2 : R().below(6));
    d.req += R"(,"description":""})";
    std::string& r = d.resp;
    r += R"({"policy":{"policyName":")";
    r += scratch;
    r += R"(","policyId":"ANPA)";
    r += acct->key_infix;
    put_chars(r, R(), kBase32, 12);
    r += R"(","arn":"arn:aws:iam::)";
    r += acct->id;
    r += ":policy/";
    r += scratch;
    r +=
        R"(","path":"/","defaultVersionId":"v1","attachmentCount":0,"permissionsBoundaryUsageCount":0,"isAttachable":true,"createDate":")";
    put_human(r, d.time, false);
    r += R"(","updateDate":")";
    put_human(r, d.time, false);
    r += R"("}})";
    return finish();
  }

  int s_create_policy_version() {
    iam_begin("CreatePolicyVersion");
    actor_privileged(0.4);
    d.req += R"({"policyArn":"arn:aws:iam::)";
    d.req += acct->id;
    d.req += ":policy/";
    d.req += any(acct->policies);
    d.req += R"(",)";
    put_policy_param(d.req, a.attacker ? 0 : R().below(6));
    d.req += R"(,"setAsDefault":true})";
    d.resp += R"({"policyVersion":{"versionId":"v)";
    put_uint(d.resp, uint64_t(R().range(2, 5)));
    d.resp += R"(","isDefaultVersion":true,"createDate":")";
    put_human(d.resp, d.time, false);
    d.resp += R"("}})";
    return finish();
  }

  int s_add_user_to_group() {
    iam_begin("AddUserToGroup");
    actor_privileged(0.4);
    d.req += R"({"groupName":")";
    d.req += a.attacker ? acct->groups[0] : any(acct->groups);
    d.req += R"(","userName":")";
    d.req += any_user().name;
    d.req += R"("})";
    return finish();
  }

  int s_put_role_permissions_boundary() {
    iam_begin("PutRolePermissionsBoundary");
    actor_privileged(0.25);
    d.req += R"({"roleName":")";
    d.req += changeable_role().name;
    d.req += R"(","permissionsBoundary":")";
    if (a.attacker) {
      d.req += kManagedPolicies[0];
    } else {
      d.req += "arn:aws:iam::";
      d.req += acct->id;
      d.req += ":policy/workload-boundary";
    }
    d.req += R"("})";
    return finish();
  }

  int s_create_role() {
    iam_begin("CreateRole");
    actor_privileged(0.35);
    scratch.clear();
    scratch += a.attacker ? "aws-support-access" : "app-";
    if (!a.attacker) {
      put_chars(scratch, R(), kLowerAlnum, 6);
      scratch += "-lambda-role";
    }
    trust_document(scratch2, a.attacker);
    d.req += R"({"path":"/","roleName":")";
    d.req += scratch;
    d.req += R"(","assumeRolePolicyDocument":")";
    put_escaped(d.req, scratch2);
    d.req += R"(","maxSessionDuration":3600})";
    std::string& r = d.resp;
    r += R"({"role":{"path":"/","roleName":")";
    r += scratch;
    r += R"(","roleId":"AROA)";
    r += acct->key_infix;
    put_chars(r, R(), kBase32, 12);
    r += R"(","arn":"arn:aws:iam::)";
    r += acct->id;
    r += ":role/";
    r += scratch;
    r += R"(","createDate":")";
    put_human(r, d.time, false);
    r += R"(","assumeRolePolicyDocument":")";
    put_url_encoded(r, scratch2);
    r += R"("}})";
    return finish();
  }

  // The attacker creates an admin user with a key and a password, a few seconds apart.
  int s_backdoor_admin_user() {
    const int64_t t0 = t;
    std::string user;
    new_user_name(user);
    iam_begin("CreateUser");
    actor_attacker();
    d.req += R"({"userName":")";
    d.req += user;
    d.req += R"(","path":"/"})";
    put_user_response(user);
    finish();
    if (room()) {
      advance(1, 4);
      iam_begin("AttachUserPolicy");
      d.req += R"({"userName":")";
      d.req += user;
      d.req += R"(","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"})";
      finish();
    }
    if (room()) {
      advance(1, 4);
      iam_begin("CreateAccessKey");
      d.req += R"({"userName":")";
      d.req += user;
      d.req += R"("})";
      access_key_response(user);
      finish();
    }
    if (room() && R().chance(0.6)) {
      advance(1, 6);
      iam_begin("CreateLoginProfile");
      login_profile(user);
      finish();
    }
    t = t0;
    return emitted;
  }

  // A human user signs in from an unfamiliar address without MFA.
  int s_console_login_unfamiliar() {
    const auto& v = X().humans;
    const User& u = acct->users[size_t(v[R().below(uint32_t(v.size()))])];
    reset_actor(ActorKind::kUserConsole);
    a.user = &u;
    console_login(true, false,
                  "https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true");
    signin_ident_user(u, false);
    const std::string& ip = w.attacker_ips[R().below(uint32_t(w.attacker_ips.size()))];
    return finish_signin(ip, kAttackerBrowser);
  }

  int s_console_login_failure() {
    const User& u = any_user();
    reset_actor(ActorKind::kUserConsole);
    a.user = &u;
    console_login(false, false,
                  "https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true");
    const bool hidden = R().chance(0.3);
    signin_ident_user(u, hidden);
    scratch.clear();
    if (R().chance(0.5)) {
      put_corp_ip(scratch);  // a colleague mistyping
    } else {
      put_public_ip(scratch);
    }
    return finish_signin(scratch, kBrowsers[R().below(4)]);
  }

  // Password guessing: many failures from one address within a few minutes, sometimes a success.
  int s_console_login_failure_burst() {
    const int64_t t0 = t;
    std::string ip;
    if (R().chance(0.5)) {
      ip = w.attacker_ips[R().below(uint32_t(w.attacker_ips.size()))];
    } else {
      put_public_ip(ip);
    }
    const int n = R().range(6, 18);
    const User& victim = acct->users[size_t(X().humans[R().below(uint32_t(X().humans.size()))])];
    reset_actor(ActorKind::kUserConsole);
    a.user = &victim;
    for (int i = 0; i < n && room(); ++i) {
      console_login(
          false, false,
          "https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true");
      signin_ident_user(victim, R().chance(0.25));
      finish_signin(ip, kAttackerBrowser);
      advance(2, 15);
    }
    if (room() && R().chance(0.3)) {
      console_login(
          true, false,
          "https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true");
      signin_ident_user(victim, false);
      finish_signin(ip, kAttackerBrowser);
    }
    t = t0;
    return emitted;
  }

  // Root signs in (sometimes from an unfamiliar address, without MFA) and does a few things.
  int s_root_activity() {
    const int64_t t0 = t;
    const bool attacker = R().chance(0.35);
    actor_root(attacker);
    console_login(true, !attacker,
                  "https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true");
    d.ident.clear();
    d.ident += R"({"type":"Root","principalId":")";
    d.ident += acct->id;
    d.ident += R"(","arn":"arn:aws:iam::)";
    d.ident += acct->id;
    d.ident += R"(:root","accountId":")";
    d.ident += acct->id;
    d.ident += R"(","accessKeyId":""})";
    finish_signin(a.ip, attacker ? kAttackerBrowser : kBrowsers[0]);
    a.session_start = t;
    const int calls = R().range(1, 4);
    for (int i = 0; i < calls && room(); ++i) {
      advance(5, 90);
      const uint32_t k = R().below(5);
      if (k == 0) {
        begin("iam.amazonaws.com", "GetAccountSummary", true);
        global_region();
      } else if (k == 1) {
        begin("iam.amazonaws.com", "ListUsers", true);
        global_region();
      } else if (k == 2) {
        begin("s3.amazonaws.com", "ListBuckets", true);
        global_region();
        d.req_id = ReqId::kS3;
        d.req += R"({"Host":"s3.amazonaws.com"})";
        s3_additional(0, R().range(900, 4000));
      } else if (k == 3) {
        begin("ec2.amazonaws.com", "DescribeInstances", true);
        d.req += R"({"maxResults":1000,"instancesSet":{},"filterSet":{}})";
      } else {
        iam_begin("CreateAccessKey");
        access_key_response("root");
        d.resp.replace(d.resp.find(R"("userName":"root",)"), 18, "");
      }
      a.ua_internal = R().chance(0.5);
      finish();
    }
    t = t0;
    return emitted;
  }

  int s_leave_organization() {
    begin("organizations.amazonaws.com", "LeaveOrganization", false);
    global_region();
    actor_attacker();
    if (R().chance(0.7)) {
      error("AccessDenied", "");
      denied_message("organizations:LeaveOrganization", "*");
    }
    return finish();
  }

  // Enumeration with a low-privilege key: mostly AccessDenied.
  int s_iam_recon_denied() {
    const int64_t t0 = t;
    actor_attacker();
    begin("sts.amazonaws.com", "GetCallerIdentity", true);
    global_region();
    finish();
    static constexpr std::string_view kNames[] = {"ListUsers",
                                                  "ListRoles",
                                                  "GetAccountAuthorizationDetails",
                                                  "ListAttachedUserPolicies",
                                                  "ListGroupsForUser",
                                                  "GetAccountSummary",
                                                  "ListPolicies",
                                                  "ListAccessKeys"};
    const int n = R().range(3, 8);
    for (int i = 0; i < n && room(); ++i) {
      advance(1, 6);
      const std::string_view name = kNames[R().below(8)];
      begin("iam.amazonaws.com", name, true);
      global_region();
      const bool takes_user = name == "ListAttachedUserPolicies" || name == "ListGroupsForUser" ||
                              name == "ListAccessKeys";
      if (takes_user) {
        d.req += R"({"userName":")";
        d.req += a.user->name;
        d.req += R"("})";
      }
      if (R().chance(0.8)) {
        error("AccessDenied", "");
        scratch.clear();
        scratch += "iam:";
        scratch += name;
        scratch2.clear();
        scratch2 += "arn:aws:iam::";
        scratch2 += acct->id;
        scratch2 += takes_user ? ":user/" : ":";
        if (takes_user) scratch2 += a.user->name;
        if (!takes_user) scratch2 += "*";
        denied_message(scratch, scratch2);
      }
      finish();
    }
    t = t0;
    return emitted;
  }

  int s_cloudtrail_stop_logging() {
    begin("cloudtrail.amazonaws.com", "StopLogging", false);
    actor_privileged(0.6);
    d.req += R"({"name":")";
    put_trail_arn(d.req);
    d.req += R"("})";
    return finish();
  }

  int s_cloudtrail_delete_trail() {
    begin("cloudtrail.amazonaws.com", "DeleteTrail", false);
    actor_privileged(0.6);
    d.req += R"({"name":")";
    d.req += acct->trail_name;
    d.req += R"("})";
    return finish();
  }

  int s_cloudtrail_event_selectors() {
    begin("cloudtrail.amazonaws.com", "PutEventSelectors", false);
    actor_privileged(0.5);
    const bool disable = a.attacker || R().chance(0.4);
    scratch.clear();
    if (disable) {
      scratch +=
          R"([{"readWriteType":"ReadOnly","includeManagementEvents":false,"dataResources":[],"excludeManagementEventSources":[]}])";
    } else {
      scratch +=
          R"([{"readWriteType":"All","includeManagementEvents":true,"dataResources":[{"type":"AWS::S3::Object","values":["arn:aws:s3:::)";
      scratch += acct->buckets[0];
      scratch += R"(/"]}],"excludeManagementEventSources":["kms.amazonaws.com"]}])";
    }
    d.req += R"({"trailName":")";
    d.req += acct->trail_name;
    d.req += R"(","eventSelectors":)";
    d.req += scratch;
    d.req.push_back('}');
    d.resp += R"({"trailARN":")";
    put_trail_arn(d.resp);
    d.resp += R"(","eventSelectors":)";
    d.resp += scratch;
    d.resp.push_back('}');
    return finish();
  }

  int s_cloudtrail_update_trail() {
    begin("cloudtrail.amazonaws.com", "UpdateTrail", false);
    actor_privileged(0.5);
    const bool narrow = a.attacker || R().chance(0.5);
    d.req += R"({"name":")";
    d.req += acct->trail_name;
    d.req += narrow ? R"(","isMultiRegionTrail":false,"includeGlobalServiceEvents":false})"
                    : R"(","enableLogFileValidation":true})";
    std::string& r = d.resp;
    r += R"({"name":")";
    r += acct->trail_name;
    r += R"(","s3BucketName":")";
    r += acct->buckets.back();
    r += R"(","includeGlobalServiceEvents":)";
    r += narrow ? "false" : "true";
    r += R"(,"isMultiRegionTrail":)";
    r += narrow ? "false" : "true";
    r += R"(,"trailARN":")";
    put_trail_arn(r);
    r += R"(","logFileValidationEnabled":)";
    r += narrow ? "false" : "true";
    r += R"(,"isOrganizationTrail":false})";
    return finish();
  }

  int s_guardduty_delete_detector() {
    const int64_t t0 = t;
    actor_privileged(0.7);
    begin("guardduty.amazonaws.com", "ListDetectors", true);
    finish();
    if (room()) {
      advance(2, 20);
      begin("guardduty.amazonaws.com", "DeleteDetector", false);
      d.req += R"({"detectorId":")";
      d.req += site->detector_id;
      d.req += R"("})";
      finish();
    }
    t = t0;
    return emitted;
  }

  int s_sg_open_ingress() {
    begin("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", false);
    actor_privileged(0.45);
    const std::string& sg = any(site->security_groups);
    const int port = R().chance(0.8) ? 22 : 3389;
    const bool v6 = R().chance(0.15);
    std::string_view cidr = v6 ? "::/0" : "0.0.0.0/0";
    d.req += R"({"groupId":")";
    d.req += sg;
    d.req += R"(","ipPermissions":{"items":[{"ipProtocol":"tcp","fromPort":)";
    put_uint(d.req, uint64_t(port));
    d.req += R"(,"toPort":)";
    put_uint(d.req, uint64_t(port));
    d.req += R"(,"groups":{},)";
    d.req += v6 ? R"("ipRanges":{},"ipv6Ranges":{"items":[{"cidrIpv6":"::/0"}]},)"
                : R"("ipRanges":{"items":[{"cidrIp":"0.0.0.0/0"}]},"ipv6Ranges":{},)";
    d.req += R"("prefixListIds":{}}]}})";
    std::string& r = d.resp;
    r += R"({"requestId":")";
    put_uuid(r, R());
    r += R"(","_return":true,"securityGroupRuleSet":{"items":[{"groupOwnerId":")";
    r += acct->id;
    r += R"(","groupId":")";
    r += sg;
    r += R"(","securityGroupRuleId":"sgr-0)";
    put_hex(r, R(), 16);
    r += R"(","isEgress":false,"ipProtocol":"tcp","fromPort":)";
    put_uint(r, uint64_t(port));
    r += R"(,"toPort":)";
    put_uint(r, uint64_t(port));
    r += v6 ? R"(,"cidrIpv6":")" : R"(,"cidrIpv4":")";
    r += cidr;
    r += R"("}]}})";
    return finish();
  }

  int s_create_snapshot() {
    begin("ec2.amazonaws.com", "CreateSnapshot", false);
    actor_privileged(0.4);
    const std::string& vol = any(site->volumes);
    d.req += R"({"volumeId":")";
    d.req += vol;
    d.req += R"(","description":")";
    d.req += a.attacker ? "tmp" : "pre-upgrade backup";
    d.req += R"("})";
    std::string& r = d.resp;
    r += R"({"requestId":")";
    put_uuid(r, R());
    r += R"(","snapshotId":")";
    put_new_ec2_id(r, "snap");
    r += R"(","volumeId":")";
    r += vol;
    r += R"(","status":"pending","startTime":)";
    put_int(r, d.time * 1000 + R().below(1000));
    r += R"(,"progress":"","ownerId":")";
    r += acct->id;
    r += R"(","volumeSize":")";
    put_uint(r, uint64_t(8 << R().below(6)));
    r += R"(","encrypted":false})";
    return finish();
  }

  int s_share_snapshot() {
    begin("ec2.amazonaws.com", "ModifySnapshotAttribute", false);
    actor_privileged(0.6);
    d.req += R"({"snapshotId":")";
    d.req += any(site->snapshots);
    d.req += R"(","createVolumePermission":{"add":{"items":[)";
    if (R().chance(0.2)) {
      d.req += R"({"group":"all"})";
    } else {
      d.req += R"({"userId":")";
      d.req += w.external_accounts[R().below(uint32_t(w.external_accounts.size()))];
      d.req += R"("})";
    }
    d.req += R"(]}},"attributeType":"CREATE_VOLUME_PERMISSION"})";
    put_ec2_ack(d.resp);
    return finish();
  }

  int s_share_ami() {
    begin("ec2.amazonaws.com", "ModifyImageAttribute", false);
    actor_privileged(0.5);
    d.req += R"({"imageId":")";
    d.req += any(site->amis);
    d.req += R"(","launchPermission":{"add":{"items":[{"userId":")";
    d.req += w.external_accounts[R().below(uint32_t(w.external_accounts.size()))];
    d.req += R"("}]}},"attributeType":"launchPermission"})";
    put_ec2_ack(d.resp);
    return finish();
  }

  int s_s3_put_bucket_policy() {
    const std::string& bucket = any(acct->buckets);
    s3_begin("PutBucketPolicy", false, bucket, "policy");
    actor_privileged(0.4);
    std::string& o = d.req;
    o += R"(,"bucketPolicy":{"Version":"2012-10-17","Statement":[)";
    if (a.attacker || R().chance(0.3)) {
      o +=
          R"({"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::)";
      o += bucket;
      o += R"(/*"})";
    } else {
      o +=
          R"({"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::)";
      o += bucket;
      o += R"(","arn:aws:s3:::)";
      o += bucket;
      o += R"(/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}})";
    }
    o += "]}}";
    s3_additional(R().range(200, 600), 0);
    return finish();
  }

  int s_s3_put_bucket_acl() {
    s3_begin("PutBucketAcl", false, any(acct->buckets), "acl");
    actor_privileged(0.4);
    std::string& o = d.req;
    if (R().chance(0.5)) {
      o += R"(,"x-amz-acl":["public-read"]})";
    } else {
      scratch.clear();
      put_hex(scratch, R(), 64);
      o +=
          R"(,"AccessControlPolicy":{"AccessControlList":{"Grant":[{"Grantee":{"xsi:type":"CanonicalUser","ID":")";
      o += scratch;
      o +=
          R"(","xmlns:xsi":"http://www.w3.org/2001/XMLSchema-instance"},"Permission":"FULL_CONTROL"},{"Grantee":{"xsi:type":"Group","URI":"http://acs.amazonaws.com/groups/global/AllUsers","xmlns:xsi":"http://www.w3.org/2001/XMLSchema-instance"},"Permission":"READ"}]},"xmlns":"http://s3.amazonaws.com/doc/2006-03-01/","Owner":{"ID":")";
      o += scratch;
      o += R"("}}})";
    }
    s3_additional(R().range(0, 700), 0);
    return finish();
  }

  int s_s3_public_access_block() {
    const bool remove = R().chance(0.5);
    s3_begin(remove ? "DeleteBucketPublicAccessBlock" : "PutBucketPublicAccessBlock", false,
             any(acct->buckets), "publicAccessBlock");
    actor_privileged(0.4);
    if (!remove) {
      d.req +=
          R"(,"PublicAccessBlockConfiguration":{"xmlns":"http://s3.amazonaws.com/doc/2006-03-01/","RestrictPublicBuckets":false,"BlockPublicPolicy":false,"BlockPublicAcls":false,"IgnorePublicAcls":false})";
    }
    d.req.push_back('}');
    s3_additional(remove ? 0 : 240, 0);
    return finish();
  }

  int s_kms_disable_key() {
    begin("kms.amazonaws.com", "DisableKey", false);
    actor_privileged(0.5);
    const std::string& key = any(site->kms_keys);
    d.req += R"({"keyId":")";
    d.req += key;
    d.req += R"("})";
    kms_resource(key);
    return finish();
  }

  int s_kms_schedule_deletion() {
    begin("kms.amazonaws.com", "ScheduleKeyDeletion", false);
    actor_privileged(0.5);
    const std::string& key = any(site->kms_keys);
    const int days = a.attacker ? 7 : 30;
    d.req += R"({"keyId":")";
    d.req += key;
    d.req += R"(","pendingWindowInDays":)";
    put_uint(d.req, uint64_t(days));
    d.req.push_back('}');
    d.resp += R"({"keyId":")";
    kms_key_arn(d.resp, key);
    d.resp += R"(","deletionDate":")";
    put_human(d.resp, (d.time / 86400 + days + 1) * 86400, true);
    d.resp += R"(","keyState":"PendingDeletion","pendingWindowInDays":)";
    put_uint(d.resp, uint64_t(days));
    d.resp.push_back('}');
    kms_resource(key);
    return finish();
  }

  // Secret harvesting: ListSecrets, then GetSecretValue on many secrets within a minute or two.
  int s_secrets_burst() {
    const int64_t t0 = t;
    if (R().chance(0.6)) {
      actor_attacker();
    } else {
      actor_instance_role();  // a compromised instance
      d.vpce = {};
    }
    begin("secretsmanager.amazonaws.com", "ListSecrets", true);
    d.req += R"({"maxResults":100})";
    finish();
    const int n = R().range(10, 24);
    for (int i = 0; i < n && room(); ++i) {
      advance(0, 4);
      begin("secretsmanager.amazonaws.com", "GetSecretValue", true);
      const std::string& secret = site->secrets[size_t(i) % site->secrets.size()];
      d.req += R"({"secretId":")";
      secret_arn(d.req, secret);
      d.req += R"("})";
      if (R().chance(0.15)) {
        error("AccessDenied", "");
        scratch.clear();
        secret_arn(scratch, secret);
        denied_message("secretsmanager:GetSecretValue", scratch);
      }
      finish();
    }
    t = t0;
    return emitted;
  }

  int s_ssm_send_command() {
    begin("ssm.amazonaws.com", "SendCommand", false);
    actor_privileged(0.4);
    scratch.clear();
    const int n = R().range(1, 3);
    scratch.push_back('[');
    for (int i = 0; i < n; ++i) {
      if (i) scratch.push_back(',');
      scratch.push_back('"');
      scratch += any(site->instances);
      scratch.push_back('"');
    }
    scratch.push_back(']');
    d.req += R"({"documentName":"AWS-RunShellScript","instanceIds":)";
    d.req += scratch;
    d.req += R"(,"interactive":false,"parameters":"HIDDEN_DUE_TO_SECURITY_REASONS"})";
    std::string& r = d.resp;
    r += R"({"command":{"commandId":")";
    put_uuid(r, R());
    r +=
        R"(","documentName":"AWS-RunShellScript","documentVersion":"$DEFAULT","comment":"","expiresAfter":")";
    put_human(r, d.time + 7200, true);
    r += R"(","parameters":"HIDDEN_DUE_TO_SECURITY_REASONS","instanceIds":)";
    r += scratch;
    r += R"(,"targets":[],"requestedDateTime":")";
    put_human(r, d.time, true);
    r += R"(","status":"Pending","statusDetails":"Pending","outputS3Region":")";
    r += region;
    r +=
        R"(","outputS3BucketName":"","outputS3KeyPrefix":"","maxConcurrency":"50","maxErrors":"0","targetCount":)";
    put_uint(r, uint64_t(n));
    r +=
        R"(,"completedCount":0,"errorCount":0,"deliveryTimedOutCount":0,"serviceRole":"","notificationConfig":{"notificationArn":"","notificationEvents":[],"notificationType":""},"cloudWatchOutputConfig":{"cloudWatchLogGroupName":"","cloudWatchOutputEnabled":false},"timeoutSeconds":3600,"alarmConfiguration":{"ignorePollAlarmFailure":false,"alarms":[]},"triggeredAlarms":[]}})";
    return finish();
  }

  int s_ssm_start_session() {
    begin("ssm.amazonaws.com", "StartSession", false);
    actor_privileged(0.35);
    d.req += R"({"target":")";
    d.req += any(site->instances);
    d.req += R"("})";
    scratch.clear();
    if (a.kind == ActorKind::kRole) {
      scratch += a.session.substr(0, a.session.find('@'));
    } else if (a.user != nullptr) {
      scratch += a.user->name;
    } else {
      scratch += "root";
    }
    scratch.push_back('-');
    put_hex(scratch, R(), 17);
    std::string& r = d.resp;
    r += R"({"sessionId":")";
    r += scratch;
    r +=
        R"(","tokenValue":"Value hidden due to security reasons.","streamUrl":"wss://ssmmessages.)";
    r += region;
    r += R"(.amazonaws.com/v1/data-channel/)";
    r += scratch;
    r += R"(?role=publish_subscribe&cell-number=)";
    put_chars(r, R(), kBase64, 120);
    r += R"("})";
    return finish();
  }

  // EC2 calls without permission: the classic encoded authorization failure message.
  int s_ec2_unauthorized() {
    const int64_t t0 = t;
    if (R().chance(0.6)) {
      actor_attacker();
    } else {
      actor_lambda_role();
    }
    static constexpr std::string_view kNames[] = {"DescribeInstances",         "RunInstances",
                                                  "DescribeSnapshots",         "CreateKeyPair",
                                                  "DescribeInstanceAttribute", "GetConsoleOutput"};
    const int n = R().range(1, 5);
    for (int i = 0; i < n && room(); ++i) {
      const uint32_t k = R().below(6);
      begin("ec2.amazonaws.com", kNames[k], k == 0 || k == 2 || k == 4 || k == 5);
      std::string& o = d.req;
      if (k == 0) {
        o += R"({"instancesSet":{},"filterSet":{}})";
      } else if (k == 1) {
        o += R"({"instancesSet":{"items":[{"imageId":")";
        o += any(site->amis);
        o +=
            R"(","minCount":1,"maxCount":1}]},"instanceType":"p4d.24xlarge","blockDeviceMapping":{},"monitoring":{"enabled":false},"disableApiTermination":false,"disableApiStop":false,"clientToken":")";
        put_uuid(o, R(), true);
        o += R"("})";
      } else if (k == 2) {
        o += R"({"snapshotSet":{},"ownersSet":{},"restorableBySet":{},"filterSet":{}})";
      } else if (k == 3) {
        o += R"({"keyName":"ops-key","keyType":"rsa","keyFormat":"pem"})";
      } else {
        o += R"({"instanceId":")";
        o += any(site->instances);
        o += k == 4 ? R"(","attribute":"userData"})" : R"("})";
      }
      error("Client.UnauthorizedOperation", "");
      d.error_message =
          "You are not authorized to perform this operation. Encoded authorization failure "
          "message: ";
      put_encoded_failure(d.error_message);
      d.has_error_message = true;
      finish();
      advance(1, 8);
    }
    t = t0;
    return emitted;
  }

  // Newer EC2 APIs report the denial without the "Client." prefix and name the action.
  int s_unauthorized_operation() {
    begin("ec2.amazonaws.com", "ModifyInstanceAttribute", false);
    actor_ecs_role();
    const std::string& inst = any(site->instances);
    d.req += R"({"instanceId":")";
    d.req += inst;
    d.req += R"(","disableApiTermination":{"value":false}})";
    error("UnauthorizedOperation", "");
    scratch.clear();
    scratch += "arn:aws:ec2:";
    scratch += region;
    scratch.push_back(':');
    scratch += acct->id;
    scratch += ":instance/";
    scratch += inst;
    denied_message("ec2:ModifyInstanceAttribute", scratch);
    d.error_message.insert(0, "You are not authorized to perform this operation. ");
    d.error_message += ". Encoded authorization failure message: ";
    put_encoded_failure(d.error_message);
    return finish();
  }

  // AccessDenied on data-bearing services from principals that should not touch them.
  int s_access_denied() {
    const uint32_t k = R().below(4);
    const bool attacker = R().chance(0.5);
    std::string& o = d.req;
    if (k == 0) {
      begin("secretsmanager.amazonaws.com", "GetSecretValue", true);
      attacker ? actor_attacker() : actor_lambda_role();
      const std::string& secret = any(site->secrets);
      o += R"({"secretId":")";
      secret_arn(o, secret);
      o += R"("})";
      error("AccessDenied", "");
      scratch.clear();
      secret_arn(scratch, secret);
      denied_message("secretsmanager:GetSecretValue", scratch);
    } else if (k == 1) {
      begin("ssm.amazonaws.com", "GetParameter", true);
      attacker ? actor_attacker() : actor_ecs_role();
      const std::string& name = any(site->parameters);
      o += R"({"name":")";
      o += name;
      o += R"(","withDecryption":true})";
      error("AccessDenied", "");
      scratch.clear();
      scratch += "arn:aws:ssm:";
      scratch += region;
      scratch.push_back(':');
      scratch += acct->id;
      scratch += ":parameter";
      scratch += name;
      denied_message("ssm:GetParameter", scratch);
    } else if (k == 2) {
      begin("kms.amazonaws.com", "Decrypt", true);
      attacker ? actor_attacker() : actor_instance_role();
      const std::string& key = any(site->kms_keys);
      o += R"({"encryptionAlgorithm":"SYMMETRIC_DEFAULT"})";
      error("AccessDenied", "");
      scratch.clear();
      kms_key_arn(scratch, key);
      denied_message("kms:Decrypt", scratch);
      kms_resource(key);
    } else {
      const std::string& bucket = any(acct->buckets);
      s3_begin("GetBucketPolicy", true, bucket, "policy");
      d.req.push_back('}');
      attacker ? actor_attacker() : actor_lambda_role();
      error("AccessDenied", "Access Denied");
      s3_additional(0, 243);
    }
    return finish();
  }

  int s_config_stop_recorder() {
    const bool del = R().chance(0.25);
    begin("config.amazonaws.com", del ? "DeleteDeliveryChannel" : "StopConfigurationRecorder",
          false);
    actor_privileged(0.6);
    d.req += del ? R"({"deliveryChannelName":")" : R"({"configurationRecorderName":")";
    d.req += acct->config_recorder;
    d.req += R"("})";
    return finish();
  }

  int s_nacl_change() {
    static constexpr std::string_view kNames[] = {"CreateNetworkAclEntry", "ReplaceNetworkAclEntry",
                                                  "DeleteNetworkAclEntry", "DeleteNetworkAcl",
                                                  "CreateNetworkAcl"};
    const uint32_t k = R().below(5);
    begin("ec2.amazonaws.com", kNames[k], false);
    actor_privileged(0.3);
    const std::string& acl = any(site->nacls);
    std::string& o = d.req;
    if (k <= 1) {
      o += R"({"networkAclId":")";
      o += acl;
      o += R"(","ruleNumber":)";
      put_uint(o, uint64_t(R().range(1, 20) * 10));
      o +=
          R"(,"egress":false,"ruleAction":"allow","icmpTypeCode":{},"portRange":{},"aclProtocol":"-1","cidrBlock":"0.0.0.0/0"})";
      put_ec2_ack(d.resp);
    } else if (k == 2) {
      o += R"({"networkAclId":")";
      o += acl;
      o += R"(","ruleNumber":90,"egress":false})";
      put_ec2_ack(d.resp);
    } else if (k == 3) {
      o += R"({"networkAclId":")";
      o += acl;
      o += R"("})";
      put_ec2_ack(d.resp);
    } else {
      o += R"({"vpcId":")";
      o += any(site->vpcs);
      o += R"("})";
      std::string& r = d.resp;
      r += R"({"requestId":")";
      put_uuid(r, R());
      r += R"(","networkAcl":{"networkAclId":")";
      put_new_ec2_id(r, "acl");
      r += R"(","vpcId":")";
      r += any(site->vpcs);
      r +=
          R"(","default":false,"entrySet":{"items":[{"ruleNumber":32767,"protocol":"-1","ruleAction":"deny","egress":true,"cidrBlock":"0.0.0.0/0"},{"ruleNumber":32767,"protocol":"-1","ruleAction":"deny","egress":false,"cidrBlock":"0.0.0.0/0"}]},"associationSet":{},"tagSet":{},"ownerId":")";
      r += acct->id;
      r += R"("}})";
    }
    return finish();
  }

  int s_route_change() {
    static constexpr std::string_view kNames[] = {"CreateRoute",         "ReplaceRoute",
                                                  "DeleteRoute",         "CreateRouteTable",
                                                  "AssociateRouteTable", "DeleteRouteTable"};
    const uint32_t k = R().below(6);
    begin("ec2.amazonaws.com", kNames[k], false);
    actor_privileged(0.3);
    const std::string& rtb = any(site->route_tables);
    std::string& o = d.req;
    switch (k) {
      case 0:
      case 1:
        o += R"({"routeTableId":")";
        o += rtb;
        o += R"(","destinationCidrBlock":"0.0.0.0/0","gatewayId":")";
        o += any(site->igws);
        o += R"("})";
        put_ec2_ack(d.resp);
        break;
      case 2:
        o += R"({"routeTableId":")";
        o += rtb;
        o += R"(","destinationCidrBlock":"10.50.0.0/16"})";
        put_ec2_ack(d.resp);
        break;
      case 3: {
        o += R"({"vpcId":")";
        o += any(site->vpcs);
        o += R"("})";
        std::string& r = d.resp;
        r += R"({"requestId":")";
        put_uuid(r, R());
        r += R"(","routeTable":{"routeTableId":")";
        put_new_ec2_id(r, "rtb");
        r += R"(","vpcId":")";
        r += any(site->vpcs);
        r += R"(","ownerId":")";
        r += acct->id;
        r +=
            R"(","routeSet":{"items":[{"destinationCidrBlock":"10.0.0.0/16","gatewayId":"local","state":"active","origin":"CreateRouteTable"}]},"associationSet":{},"propagatingVgwSet":{},"tagSet":{}}})";
        break;
      }
      case 4:
        o += R"({"routeTableId":")";
        o += rtb;
        o += R"(","subnetId":")";
        o += any(site->subnets);
        o += R"("})";
        d.resp += R"({"requestId":")";
        put_uuid(d.resp, R());
        d.resp += R"(","associationId":")";
        put_new_ec2_id(d.resp, "rtbassoc");
        d.resp += R"(","associationState":{"state":"associated"}})";
        break;
      default:
        o += R"({"routeTableId":")";
        o += rtb;
        o += R"("})";
        put_ec2_ack(d.resp);
    }
    return finish();
  }

  int s_internet_gateway() {
    const int64_t t0 = t;
    actor_privileged(0.3);
    const uint32_t k = R().below(3);
    if (k == 0) {
      // Create and attach.
      begin("ec2.amazonaws.com", "CreateInternetGateway", false);
      scratch.clear();
      put_new_ec2_id(scratch, "igw");
      d.req +=
          R"({"tagSpecificationSet":{"items":[{"resourceType":"internet-gateway","tags":[{"key":"Name","value":"egress-test"}]}]}})";
      d.resp += R"({"requestId":")";
      put_uuid(d.resp, R());
      d.resp += R"(","internetGateway":{"internetGatewayId":")";
      d.resp += scratch;
      d.resp += R"(","ownerId":")";
      d.resp += acct->id;
      d.resp +=
          R"(","attachmentSet":{},"tagSet":{"items":[{"key":"Name","value":"egress-test"}]}}})";
      finish();
      if (room()) {
        advance(2, 30);
        begin("ec2.amazonaws.com", "AttachInternetGateway", false);
        d.req += R"({"internetGatewayId":")";
        d.req += scratch;
        d.req += R"(","vpcId":")";
        d.req += any(site->vpcs);
        d.req += R"("})";
        put_ec2_ack(d.resp);
        finish();
      }
    } else {
      begin("ec2.amazonaws.com", k == 1 ? "DetachInternetGateway" : "DeleteInternetGateway", false);
      d.req += R"({"internetGatewayId":")";
      d.req += any(site->igws);
      if (k == 1) {
        d.req += R"(","vpcId":")";
        d.req += any(site->vpcs);
      }
      d.req += R"("})";
      put_ec2_ack(d.resp);
      finish();
    }
    t = t0;
    return emitted;
  }

  int s_vpc_change() {
    static constexpr std::string_view kNames[] = {"CreateVpc", "DeleteVpc", "ModifyVpcAttribute",
                                                  "CreateVpcPeeringConnection", "DeleteFlowLogs"};
    const uint32_t k = R().below(5);
    begin("ec2.amazonaws.com", kNames[k], false);
    actor_privileged(0.3);
    std::string& o = d.req;
    std::string& r = d.resp;
    const std::string& vpc = any(site->vpcs);
    switch (k) {
      case 0: {
        o += R"({"cidrBlock":"10.)";
        put_uint(o, uint64_t(R().range(100, 200)));
        o += R"(.0.0/16","amazonProvidedIpv6CidrBlock":false,"instanceTenancy":"default"})";
        r += R"({"requestId":")";
        put_uuid(r, R());
        r += R"(","vpc":{"vpcId":")";
        put_new_ec2_id(r, "vpc");
        r += R"(","state":"pending","ownerId":")";
        r += acct->id;
        r += R"(","cidrBlock":"10.)";
        put_uint(r, uint64_t(R().range(100, 200)));
        r += R"(.0.0/16","cidrBlockAssociationSet":{"items":[{"associationId":")";
        put_new_ec2_id(r, "vpc-cidr-assoc");
        r +=
            R"(","cidrBlockState":{"state":"associated"}}]},"ipv6CidrBlockAssociationSet":{},"dhcpOptionsId":")";
        put_new_ec2_id(r, "dopt");
        r += R"(","instanceTenancy":"default","tagSet":{},"isDefault":false}})";
        break;
      }
      case 1:
        o += R"({"vpcId":")";
        o += vpc;
        o += R"("})";
        put_ec2_ack(r);
        break;
      case 2:
        o += R"({"vpcId":")";
        o += vpc;
        o += R"(","enableDnsHostnames":{"value":true}})";
        put_ec2_ack(r);
        break;
      case 3:
        o += R"({"vpcId":")";
        o += vpc;
        o += R"(","peerVpcId":")";
        put_new_ec2_id(o, "vpc");
        o += R"(","peerOwnerId":")";
        o += w.external_accounts[0];
        o += R"("})";
        r += R"({"requestId":")";
        put_uuid(r, R());
        r += R"(","vpcPeeringConnection":{"vpcPeeringConnectionId":")";
        put_new_ec2_id(r, "pcx");
        r += R"(","status":{"code":"initiating-request","message":"Initiating Request to )";
        r += w.external_accounts[0];
        r += R"("},"tagSet":{}}})";
        break;
      default:
        o += R"({"DeleteFlowLogsRequest":{"FlowLogId":{"content":")";
        put_new_ec2_id(o, "fl");
        o += R"(","tag":1}}})";
        r +=
            R"({"DeleteFlowLogsResponse":{"xmlns":"http://ec2.amazonaws.com/doc/2016-11-15/","unsuccessful":"","requestId":")";
        put_uuid(r, R());
        r += R"("}})";
    }
    return finish();
  }

  int s_get_password_data() {
    begin("ec2.amazonaws.com", "GetPasswordData", true);
    actor_privileged(0.7);
    d.req += R"({"instanceId":")";
    d.req += any(site->instances);
    d.req += R"("})";
    if (a.attacker && R().chance(0.6)) {
      error("Client.UnauthorizedOperation", "");
      d.error_message =
          "You are not authorized to perform this operation. Encoded authorization failure "
          "message: ";
      put_encoded_failure(d.error_message);
      d.has_error_message = true;
    }
    return finish();
  }

  int s_recon_caller_identity() {
    begin("sts.amazonaws.com", "GetCallerIdentity", true);
    actor_attacker();
    return finish();
  }
};

EventGen::EventGen(const World& world, uint64_t seed, double security_share)
    : impl_(std::make_unique<Impl>(world, seed, security_share)) {}

EventGen::~EventGen() = default;

int EventGen::generate(Stream& stream, int64_t time, int budget, Batch& out) {
  return impl_->generate(stream, time, budget, out);
}

const GenStats& EventGen::stats() const {
  return impl_->stats;
}

}  // namespace tbgen
