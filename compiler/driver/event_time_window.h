#pragma once
// scan --since / --until: one eventTime window for the whole pack. It is added to every query's
// `where` after checking, so the kernel, the interpreter, the prefilter and partition pruning
// all see it as if each runbook had written `and eventTime >= SINCE and eventTime < UNTIL`.
#include <optional>
#include <string_view>

#include "compiler/check/checked.h"
#include "runtime/semantics/timestamp.h"

namespace tb::driver {

struct EventTimeWindow {
  std::optional<semantics::Instant> since;  // eventTime >= since
  std::optional<semantics::Instant> until;  // eventTime < until
};

// An RFC 3339 instant (`2026-11-01T00:00:00Z`), a date (`2026-11-01`: midnight UTC), or a
// duration (`24h`, `7d`: that long before `now`). nullopt for anything else.
std::optional<semantics::Instant> parse_time_bound(std::string_view text,
                                                   const semantics::Instant& now);

// Adds the window to every query of the pack; nothing when neither end is set.
void restrict_event_time(check::CheckedPack& pack, const EventTimeWindow& window);

}  // namespace tb::driver
