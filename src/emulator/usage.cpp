#include "emulator/options.hpp"

namespace descope_mgmt::emulator {

std::string usage() {
    return R"(descope-emulator: a local Descope management API for development, demos and tests.

It serves the management endpoints descope-mgmt and the official SDKs use (tenants, tenant
settings, roles, permissions, flows, theme, project name) for one or more projects, with Descope's
conventions: JSON in and out, {} for void answers, every field present with its zero value, and
{"errorCode","errorDescription","errorMessage"} error bodies. See docs/emulator.md.

Usage:
  descope-emulator --project PROJECT_ID:MANAGEMENT_KEY[:NAME] [--project ...] [options]

Once it accepts connections it prints exactly one line, "listening on http://HOST:PORT", and
serves until SIGINT or SIGTERM (exit 0). Clients send "Authorization: Bearer PROJECT_ID:KEY";
point the Node SDK at it with baseUrl, descope-mgmt with DESCOPE_BASE_URL.

Server (keys given with --project are project-scoped: projects/list refuses them with 401):
  --host HOST              address to listen on (default 127.0.0.1)
  --port PORT              port; 0 picks a free one (default 0)
  --project ID:KEY[:NAME]  a project and its project-scoped management key; repeatable, at
                           least one. Ids of 28 or more characters work, short ones too
  --company-key KEY        a company key (repeatable): every project, and projects/list lists all
  --state FILE             load the projects' data from FILE at start (if it exists) and save it
                           atomically after every change; without it, data lives in memory
  --request-log FILE       append one JSON line per request: time, project, method, path, status,
                           ms (and fault, and license when x-descope-license was sent); never
                           the key
  --threads N              worker threads, i.e. concurrent connections served (default 64)

What a real project has (docs/emulator.md, "Fidelity rules"):
  --tenant-attribute NAME[:TYPE]  a defined tenant attribute; TYPE string|number|boolean|list
  --visibility-lag-ms N    new tenants, roles, permissions are unseen for N ms (default 0)
  --bare                   no built-ins (role Tenant Admin; SSO Admin, User Admin, Impersonate)

Behaving like a busy or broken service:
  --rate-limit N/SECONDS   per project, at most N requests in any SECONDS-long window; over it:
                           429, "Retry-After: <whole seconds>", errorCode E130429
  --latency-ms N           wait N ms before answering every request (default 0)
  --fault KIND=P           inject a fault into a request with probability P (0..1); repeatable,
                           the P's add up to at most 1. KIND is one of
                             429        429 + Retry-After: 1 + E130429
                             500        500 with a Descope error body
                             503        503 with a Descope error body (SDKs retry it)
                             reset      the connection is closed without an answer
                             lost       the request is carried out, then the connection is
                                        closed without an answer (a lost answer)
                             malformed  a 200 whose body is not valid JSON
                             slow       the answer comes --slow-ms late, then normally
  --slow-ms N              delay of the "slow" fault (default 5000)
  --seed N                 seeds the faults and generated ids: the same seed and the same requests
                           give the same faults (default 1)

Where the real service's answer is unknown (docs/emulator.md, "Choices"):
  --not-found-status 404|400    status for an unknown tenant, role, permission or flow (default 404)
  --duplicate-status 400|409    status for creating an existing id or name (default 400)
  --delete-missing 404|ok       deleting an unknown id: the not-found error, or 200 {} (default 404)
  --unauthorized-status 401|403 status for a missing or wrong management key (default 401)
  --delete-parent refuse|orphan deleting a parent tenant: 400, or its sub-tenants go top-level

  -h, --help               this text
      --version            the version

Examples:
  descope-emulator --project P2local000000000000000000000:K2secret:Local
  descope-emulator --project P2dev00000000000000000000000:K2dev --company-key K2company --tenant-attribute plan \
                   --tenant-attribute seats:number --visibility-lag-ms 1500
  descope-emulator --project P2dev00000000000000000000000:K2dev --project P2prod0000000000000000000000:K2prod --state emulator.json
  descope-emulator --project P2ci000000000000000000000000:K2ci --rate-limit 100/60 --fault 503=0.05 --seed 7
  curl -s -H 'Authorization: Bearer P2local000000000000000000000:K2secret' http://127.0.0.1:PORT/v1/mgmt/tenant/all
)";
}

}  // namespace descope_mgmt::emulator
