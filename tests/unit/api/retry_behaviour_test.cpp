// Retries, Retry-After, 429 bucket pauses, safe creates, cancellation and redaction, through
// HttpDescopeApi with a FakeTransport and a FakeClock (nothing sleeps for real).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/http_descope_api.hpp"
#include "api_harness.hpp"

namespace descope_mgmt::api {
namespace {

using namespace std::chrono_literals;
using test::FakeClock;
using test::FakeTransport;
using testing::Harness;

model::Tenant acme_without_attributes() {
    model::Tenant t;
    t.id = "acme";
    t.name = "Acme";
    t.self_provisioning_domains = {"acme.com"};
    return t;
}

std::vector<double> submit_seconds(const Harness& h) {
    std::vector<double> out;
    for (const auto& r : h.transport->requests()) {
        out.push_back(std::chrono::duration<double>(r.submitted_at - FakeClock::start()).count());
    }
    return out;
}

TEST(RetryBehaviour, BacksOffOneTwoSecondsThenSucceeds) {
    Harness h;
    h.transport->script("GET /v1/mgmt/role/all",
                        {FakeTransport::status(503), FakeTransport::status(502),
                         FakeTransport::ok(R"({"roles":[]})")});
    auto api = h.make();
    auto r = api->load_all_roles();
    ASSERT_TRUE(r) << r.error().to_string();
    EXPECT_EQ(submit_seconds(h), (std::vector<double>{0, 1, 3}));
    auto stats = api->stats();
    EXPECT_EQ(stats.calls, 3u);
    EXPECT_EQ(stats.retries, 2u);
    EXPECT_EQ(stats.http_429, 0u);
    EXPECT_EQ(stats.backoff_wait, 3s);
    EXPECT_NE(
        h.all_logs().find(
            "0 dev: reading the roles: HTTP 503 Service Unavailable: retrying in 1.0 s (1/5)"),
        std::string::npos)
        << h.all_logs();
}

TEST(RetryBehaviour, GivesUpAfterFiveRetriesWithAClearError) {
    Harness h;
    h.transport->set_handler([](const HttpRequest&) {
        return FakeTransport::error(503, "E000503", "Service unavailable");
    });
    auto api = h.make();
    auto r = api->load_all_permissions();
    ASSERT_FALSE(r);
    EXPECT_EQ(submit_seconds(h), (std::vector<double>{0, 1, 3, 7, 15, 31}));
    EXPECT_EQ(r.error().attempts, 6);
    EXPECT_TRUE(r.error().retryable);
    EXPECT_EQ(r.error().to_string(),
              "dev: reading the permissions: HTTP 503 Service Unavailable: Service unavailable "
              "(E000503)");
    EXPECT_EQ(api->stats().failures, 1u);
}

TEST(RetryBehaviour, RetryAfterWinsOverTheBackoff) {
    Harness h;
    h.transport->script(
        "GET /v1/mgmt/tenant/all",
        {FakeTransport::status(429, R"({"errorCode":"E130429"})", 7),
         FakeTransport::status(503, "", 2), FakeTransport::ok(R"({"tenants":[]})")});
    auto api = h.make();
    ASSERT_TRUE(api->load_all_tenants());
    EXPECT_EQ(submit_seconds(h), (std::vector<double>{0, 7, 9}));
    EXPECT_EQ(api->stats().http_429, 1u);
    EXPECT_EQ(api->stats().rate_limit_wait, 7s);  // the 429 pause is a rate-limit wait
}

TEST(RetryBehaviour, A429PausesTheWholeBucketForEveryWorker) {
    Harness h;
    // Worker B asks for permission right after worker A got its 429 (from A's log line).
    auto api_b = h.make(h.options("dev"));
    bool b_done = false;
    auto options_a = h.options("dev");
    options_a.log = [&](int, const std::string& line) {
        if (!b_done && line.find("this rate-limit bucket waits too") != std::string::npos) {
            b_done = true;
            ASSERT_TRUE(api_b->load_all_roles());
        }
    };
    auto api_a = h.make(options_a);
    h.transport->script("GET /v1/mgmt/tenant/all", {FakeTransport::status(429, "", 5),
                                                    FakeTransport::ok(R"({"tenants":[]})")});
    ASSERT_TRUE(api_a->load_all_tenants());
    ASSERT_TRUE(b_done);
    auto reqs = h.transport->requests();
    ASSERT_EQ(reqs.size(), 3u);
    EXPECT_EQ(reqs[1].route, "GET /v1/mgmt/role/all");
    EXPECT_GE(reqs[1].submitted_at, FakeClock::start() + 5s);  // B waited for A's Retry-After
    EXPECT_GE(reqs[2].submitted_at, FakeClock::start() + 5s);
}

TEST(RetryBehaviour, PermissionIsTakenBeforeEachSubmission) {
    Harness h;
    h.limiter = std::make_shared<RateLimiter>(h.clock, model::RateLimit{2, 10});
    std::vector<std::pair<std::string, util::Clock::time_point>> events;
    std::mutex m;
    h.limiter->set_grant_observer([&](const RateLimiter::Permit& p) {
        std::lock_guard lock(m);
        events.emplace_back("acquire", p.granted_at);
    });
    h.transport->set_on_submit([&](const FakeTransport::Recorded& r) {
        std::lock_guard lock(m);
        events.emplace_back("submit", r.submitted_at);
    });
    h.transport->script("GET /v1/mgmt/role/all", {FakeTransport::status(503)});
    h.transport->set_latency(100ms);
    auto api = h.make();
    for (int i = 0; i < 4; ++i)
        ASSERT_TRUE(api->load_all_roles());
    // 5 requests (one retried): each submission is preceded by its own acquisition.
    ASSERT_EQ(events.size(), 10u);
    for (std::size_t i = 0; i < events.size(); i += 2) {
        EXPECT_EQ(events[i].first, "acquire") << i;
        EXPECT_EQ(events[i + 1].first, "submit") << i;
        EXPECT_LE(events[i].second, events[i + 1].second);
    }
    // The third request had to wait for the window: 10 s after the first answer.
    EXPECT_GE(events[4].second, FakeClock::start() + 10s + 100ms);
}

TEST(RetryBehaviour, TransportFailuresOnReadsAreRetried) {
    Harness h;
    h.transport->script(
        "GET /v1/mgmt/permission/all",
        {FakeTransport::fail(TransportErrorKind::timeout),
         FakeTransport::fail(TransportErrorKind::connection_lost),
         FakeTransport::fail(TransportErrorKind::connect_failed), FakeTransport::ok("not json"),
         FakeTransport::ok(R"({"permissions":[]})")});
    auto api = h.make();
    ASSERT_TRUE(api->load_all_permissions());
    EXPECT_EQ(api->stats().calls, 5u);
}

TEST(RetryBehaviour, TlsFailureIsNotRetried) {
    Harness h;
    h.transport->script(
        "GET /v1/mgmt/permission/all",
        {FakeTransport::fail(TransportErrorKind::tls, "certificate verify failed")});
    auto r = h.make()->load_all_permissions();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().to_string(),
              "dev: reading the permissions: TLS error: certificate verify failed");
    EXPECT_EQ(r.error().http_status, 0);
    EXPECT_FALSE(r.error().retryable);
}

TEST(RetryBehaviour, CreateWithIdAfterALostAnswerIsConfirmedByReadingBack) {
    Harness h;
    // The first create reached the server but its answer was lost; the retry says "exists".
    h.transport->script("POST /v1/mgmt/tenant/create",
                        {FakeTransport::fail(TransportErrorKind::connection_lost),
                         FakeTransport::error(409, "E011005", "Tenant already exists")});
    h.transport->script("GET /v1/mgmt/tenant", {FakeTransport::ok(R"({"id":"acme","name":"Acme",
                            "selfProvisioningDomains":["acme.com"],"customAttributes":{}})")});
    auto api = h.make();
    auto r = api->create_tenant(acme_without_attributes());
    ASSERT_TRUE(r) << r.error().to_string();
    EXPECT_EQ(*r, "acme");
    EXPECT_EQ(h.transport->count("POST /v1/mgmt/tenant/create"), 2u);
    EXPECT_EQ(h.transport->count("GET /v1/mgmt/tenant"), 1u);
    EXPECT_NE(h.all_logs().find("reading it back shows it done"), std::string::npos);
}

TEST(RetryBehaviour, CreateWithIdThatExistsWithOtherContentStaysAnError) {
    Harness h;
    h.transport->script("POST /v1/mgmt/tenant/create",
                        {FakeTransport::status(503),
                         FakeTransport::error(409, "E011005", "Tenant already exists")});
    h.transport->script("GET /v1/mgmt/tenant",
                        {FakeTransport::ok(R"({"id":"acme","name":"Someone else's"})")});
    auto r = h.make()->create_tenant(acme_without_attributes());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().to_string(),
              "dev: creating tenant acme: HTTP 409 Conflict: Tenant already exists (E011005)");
    EXPECT_TRUE(r.error().may_have_applied);
}

TEST(RetryBehaviour, DuplicateOnTheFirstAttemptIsReadBackAndStandsWhenTheObjectDiffers) {
    Harness h;
    h.transport->script("POST /v1/mgmt/permission/create",
                        {FakeTransport::error(400, "E011005", "already exists")});
    h.transport->script("GET /v1/mgmt/permission/all",
                        {FakeTransport::ok(R"({"permissions":[{"name":"p","description":"x"}]})")});
    auto r = h.make()->create_permission({"p", ""});
    ASSERT_FALSE(r);
    EXPECT_FALSE(r.error().may_have_applied);
    EXPECT_EQ(r.error().to_string(),
              "dev: creating permission p: HTTP 400 Bad Request: already exists (E011005)");
    EXPECT_EQ(h.transport->requests().size(), 2u);  // the create, one read-back
}

// Finding 3 of issue 12: libcurl sends a request again by itself when the kept-alive connection
// it reused dies before any answer. The runner then sees one attempt, answered "already
// exists" although the first copy created the object: the read-back makes it a success.
TEST(RetryBehaviour, DuplicateOnTheFirstAttemptThatMatchesIsASuccess) {
    Harness h;
    h.transport->script("POST /v1/mgmt/tenant/create",
                        {FakeTransport::error(409, "E011005", "Tenant already exists")});
    h.transport->script("GET /v1/mgmt/tenant", {FakeTransport::ok(R"({"id":"acme","name":"Acme",
                            "selfProvisioningDomains":["acme.com"],"customAttributes":{}})")});
    h.transport->script("POST /v1/mgmt/role/create",
                        {FakeTransport::error(400, "E011005", "Role already exists")});
    h.transport->script(
        "GET /v1/mgmt/role/all",
        {FakeTransport::ok(
            R"({"roles":[{"name":"viewer","description":"v","permissionNames":[]}]})")});
    h.transport->script("POST /v1/mgmt/permission/delete",
                        {FakeTransport::error(404, "E404", "not found")});
    auto api = h.make();
    auto tenant = api->create_tenant(acme_without_attributes());
    ASSERT_TRUE(tenant) << tenant.error().to_string();
    auto role = api->create_role({"viewer", "v", "", {}});
    ASSERT_TRUE(role) << role.error().to_string();
    // "Not found" on a delete: the permission list shows it gone, so it is.
    auto deleted = api->delete_permission("projects.read");
    ASSERT_TRUE(deleted) << deleted.error().to_string();
    EXPECT_EQ(h.transport->count("GET /v1/mgmt/permission/all"), 1u);
    EXPECT_NE(h.all_logs().find("reading it back shows it done"), std::string::npos);
}

// A 401, 403 or 429 is never a repeat's refusal: no read-back.
TEST(RetryBehaviour, ABadKeyOrARateLimitIsNeverReadBack) {
    Harness h;
    auto options = h.options();
    options.retry.backoff.clear();
    h.transport->script(
        "POST /v1/mgmt/permission/create",
        {FakeTransport::error(401, "E011003", "Unauthorized"), FakeTransport::status(429, "", 1)});
    auto api = h.make(options);
    EXPECT_FALSE(api->create_permission({"p", ""}));
    EXPECT_FALSE(api->create_permission({"p", ""}));
    EXPECT_EQ(h.transport->requests().size(), 2u);
}

TEST(RetryBehaviour, RoleAndPermissionCreatesAreConfirmedTheSameWay) {
    Harness h;
    h.transport->script("POST /v1/mgmt/role/create",
                        {FakeTransport::fail(TransportErrorKind::timeout),
                         FakeTransport::error(400, "E011005", "exists")});
    h.transport->script("GET /v1/mgmt/role/all",
                        {FakeTransport::ok(R"({"roles":[{"name":"admin","tenantId":"t1",
                            "description":"d","permissionNames":["b","a"]}]})")});
    h.transport->script("POST /v1/mgmt/permission/create",
                        {FakeTransport::status(500), FakeTransport::error(400, "E1", "exists")});
    h.transport->script("GET /v1/mgmt/permission/all",
                        {FakeTransport::ok(R"({"permissions":[{"name":"p","description":"x"}]})")});
    auto api = h.make();
    auto role = api->create_role({"admin", "d", "t1", {"a", "b"}});
    EXPECT_TRUE(role) << role.error().to_string();
    auto perm = api->create_permission({"p", "x"});
    EXPECT_TRUE(perm) << perm.error().to_string();
}

TEST(RetryBehaviour, CreateWithoutIdIsNotRepeatedOnceItMayHaveArrived) {
    Harness h;
    h.transport->script("POST /v1/mgmt/tenant/create",
                        {FakeTransport::fail(TransportErrorKind::timeout)});
    model::Tenant t;
    t.name = "No id";
    auto r = h.make()->create_tenant(t);
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().may_have_applied);
    EXPECT_EQ(r.error().attempts, 1);
    EXPECT_EQ(h.transport->requests().size(), 1u);
}

TEST(RetryBehaviour, CreateWithoutIdIsRepeatedAfterA429) {
    Harness h;
    h.transport->script(
        "POST /v1/mgmt/tenant/create",
        {FakeTransport::status(429, "", 1), FakeTransport::fail(TransportErrorKind::connect_failed),
         FakeTransport::ok(R"({"id":"gen"})")});
    model::Tenant t;
    t.name = "No id";
    auto r = h.make()->create_tenant(t);
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, "gen");
}

TEST(RetryBehaviour, MalformedAnswerToAWriteIsTreatedLikeALostAnswer) {
    Harness h;
    // The mangled 200 did not create the tenant (as the emulator's fault): the repeat does.
    h.transport->script("POST /v1/mgmt/tenant/create",
                        {FakeTransport::ok("{garbage"), FakeTransport::ok(R"({"id":"acme"})")});
    // The mangled 200 did apply the update: repeating it is harmless.
    h.transport->script("POST /v1/mgmt/permission/update",
                        {FakeTransport::ok(""), FakeTransport::ok()});
    // The mangled 200 did create the role: the repeat says "exists", the read-back confirms.
    h.transport->script("POST /v1/mgmt/role/create",
                        {FakeTransport::ok("<html>"), FakeTransport::error(400, "E1", "exists")});
    h.transport->script("GET /v1/mgmt/role/all",
                        {FakeTransport::ok(R"({"roles":[{"name":"r"}]})")});
    auto api = h.make();
    auto id = api->create_tenant(acme_without_attributes());
    ASSERT_TRUE(id);
    EXPECT_EQ(*id, "acme");
    EXPECT_TRUE(api->update_permission("p", {"p", "d"}));
    EXPECT_TRUE(api->create_role({"r", "", "", {}}));
    EXPECT_EQ(h.transport->count("POST /v1/mgmt/tenant/create"), 2u);
    EXPECT_EQ(h.transport->count("POST /v1/mgmt/permission/update"), 2u);
    EXPECT_EQ(h.transport->count("POST /v1/mgmt/role/create"), 2u);
}

TEST(RetryBehaviour, MalformedAnswerToACreateWithoutIdIsReportedAsPossiblyApplied) {
    Harness h;
    h.transport->script("POST /v1/mgmt/tenant/create", {FakeTransport::ok("{")});
    model::Tenant t;
    t.name = "No id";
    auto r = h.make()->create_tenant(t);
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().may_have_applied);
    EXPECT_EQ(h.transport->requests().size(), 1u);
    EXPECT_EQ(
        r.error().to_string(),
        "dev: creating tenant \"No id\": malformed answer (HTTP 200): body is not valid JSON");
}

TEST(RetryBehaviour, RenameAndDeleteRepeatedAfterALostAnswer) {
    Harness h;
    h.transport->script("POST /v1/mgmt/role/update",
                        {FakeTransport::fail(TransportErrorKind::connection_lost),
                         FakeTransport::error(404, "E404", "role not found")});
    h.transport->script("GET /v1/mgmt/role/all",
                        {FakeTransport::ok(R"({"roles":[{"name":"old"}]})"),  // preserve read
                         FakeTransport::ok(R"({"roles":[{"name":"new","description":"d"}]})")});
    h.transport->script("POST /v1/mgmt/tenant/delete",
                        {FakeTransport::status(504), FakeTransport::error(404, "E404", "gone")});
    auto api = h.make();
    auto renamed = api->update_role("old", {"new", "d", "", {}});
    EXPECT_TRUE(renamed) << renamed.error().to_string();
    auto deleted = api->delete_tenant("acme", false);
    EXPECT_TRUE(deleted) << deleted.error().to_string();
}

// "Not found" on a delete is read back: gone is what the delete wants (a silent repeat by the
// transport, or another run, deleted it). A list that still shows it keeps the error.
TEST(RetryBehaviour, DeleteAnsweredNotFoundIsConfirmedByTheListOrStaysAnError) {
    Harness h;
    h.transport->script("POST /v1/mgmt/role/delete",
                        {FakeTransport::error(404, "E404", "not found"),
                         FakeTransport::error(404, "E404", "not found")});
    h.transport->script("GET /v1/mgmt/role/all",
                        {FakeTransport::ok(R"({"roles":[]})"),
                         FakeTransport::ok(R"({"roles":[{"name":"ghost"}]})")});
    auto api = h.make();
    EXPECT_TRUE(api->delete_role("ghost", ""));
    auto r = api->delete_role("ghost", "");
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().is_not_found());
    EXPECT_EQ(r.error().to_string(),
              "dev: deleting role ghost: HTTP 404 Not Found: not found (E404)");
}

TEST(RetryBehaviour, CancellationDuringBackoffStopsWithoutAnotherRequest) {
    Harness h;
    auto options = h.options();
    options.log = [&](int, const std::string& line) {
        if (line.find("retrying in") != std::string::npos) h.cancel.cancel();  // Ctrl-C now
    };
    h.transport->set_handler([](const HttpRequest&) { return FakeTransport::status(503); });
    auto api = h.make(options);
    auto r = api->load_all_tenants();
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().cancelled);
    EXPECT_EQ(r.error().attempts, 1);
    EXPECT_EQ(h.transport->requests().size(), 1u);
    EXPECT_EQ(r.error().to_string(),
              "dev: reading the tenants: HTTP 503 Service Unavailable (interrupted)");
}

TEST(RetryBehaviour, NothingIsSentAfterCancellation) {
    Harness h;
    h.cancel.cancel();
    auto r = h.make()->delete_permission("p");
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().cancelled);
    EXPECT_FALSE(r.error().may_have_applied);
    EXPECT_EQ(r.error().attempts, 0);
    EXPECT_TRUE(h.transport->requests().empty());
}

TEST(RetryBehaviour, TheKeyNeverAppearsInErrorsOrLogs) {
    Harness h;
    const std::string key = testing::kKey;
    h.transport->script("GET /v1/mgmt/tenant/all",
                        {FakeTransport::fail(TransportErrorKind::timeout, "stuck sending " + key),
                         FakeTransport::ok(R"({"tenants":[]})")});
    h.transport->script("GET /v1/mgmt/role/all",
                        {FakeTransport::error(401, "E011003", "bad key " + key)});
    h.transport->set_handler([&](const HttpRequest&) {
        return FakeTransport::ok(R"({"permissions":[{"name":")" + key + R"(","x":1},7]})");
    });
    auto api = h.make();
    ASSERT_TRUE(api->load_all_tenants());
    auto roles = api->load_all_roles();
    ASSERT_FALSE(roles);
    auto perms = api->load_all_permissions();
    ASSERT_FALSE(perms);
    const std::string logs = h.all_logs();
    EXPECT_NE(logs.find("2 http: dev GET /v1/mgmt/tenant/all -> timeout ("), std::string::npos)
        << logs;
    EXPECT_NE(logs.find("2 http: dev GET /v1/mgmt/tenant/all -> 200 (0 ms, attempt 2)"),
              std::string::npos)
        << logs;
    EXPECT_NE(logs.find("<redacted>"), std::string::npos);
    EXPECT_EQ(logs.find(key), std::string::npos) << logs;
    EXPECT_EQ(roles.error().to_string(),
              "dev: reading the roles: HTTP 401 Unauthorized: bad key <redacted> (E011003)");
    EXPECT_EQ(
        perms.error().to_string(),
        "dev: reading the permissions: unexpected answer (HTTP 200): permissions[1]: expected an "
        "object, got integer");
}

// Issue 12, finding 4: a 200 whose body is a Descope error is not an empty project.
TEST(RetryBehaviour, ASuccessCarryingAnErrorBodyIsAnUnexpectedAnswer) {
    Harness h;
    h.transport->script("GET /v1/mgmt/tenant/all",
                        {FakeTransport::ok(R"({"errorCode":"E011003","errorMessage":"bad key"})")});
    auto r = h.make()->load_all_tenants();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().to_string(),
              "dev: reading the tenants: unexpected answer (HTTP 200): a success status carrying a "
              "Descope error (E011003: bad key)");
    EXPECT_FALSE(r.error().retryable);
    EXPECT_EQ(h.transport->requests().size(), 1u);

    // Its message is the server's: escaped and cut like any other.
    h.transport->script("GET /v1/mgmt/role/all",
                        {FakeTransport::ok(R"({"errorMessage":"\u001b[31m)" +
                                           std::string(200'000, 'x') + R"("})")});
    auto roles = h.make()->load_all_roles();
    ASSERT_FALSE(roles);
    EXPECT_LT(roles.error().message.size(), 2'000u);
    EXPECT_EQ(roles.error().message.find('\x1b'), std::string::npos);
}

// Issue 12, finding 11: once an environment stopped answering, nothing more is sent there.
TEST(RetryBehaviour, AnEnvironmentThatStopsAnsweringGetsNoMoreRequests) {
    Harness h;
    h.transport->set_handler([](const HttpRequest&) {
        return FakeTransport::fail(TransportErrorKind::connect_failed, "Connection refused");
    });
    auto api = h.make();
    auto first = api->load_all_tenants();
    ASSERT_FALSE(first);
    // Attempts at 0, 1, 3, 7 and 15 s: the fifth in a row, 10 s or more after the first, gives
    // the environment up: no sixth attempt (it would come at 31 s).
    EXPECT_EQ(submit_seconds(h), (std::vector<double>{0, 1, 3, 7, 15}));
    EXPECT_EQ(first.error().attempts, 5);
    EXPECT_NE(first.error().message.find("not retried: dev stopped answering (5 attempts in a "
                                         "row got no answer, the first 15.0 s ago; the last: "
                                         "connect failed: Connection refused)"),
              std::string::npos)
        << first.error().message;
    EXPECT_LE(h.clock.now() - test::FakeClock::start(), 15s + 200ms);
    EXPECT_EQ(h.all_logs().find("(5/5)"), std::string::npos) << "no retry line for it";
    EXPECT_FALSE(first.error().not_sent);
    // The next operation is not sent at all, and says why.
    auto second = api->load_all_roles();
    ASSERT_FALSE(second);
    EXPECT_TRUE(second.error().not_sent);
    EXPECT_EQ(second.error().attempts, 0);
    EXPECT_EQ(h.transport->requests().size(), 5u);
    EXPECT_NE(h.all_logs().find("0 dev stopped answering"), std::string::npos) << h.all_logs();
}

TEST(RetryBehaviour, AnAnswerInBetweenKeepsTheEnvironmentAlive) {
    Harness h;
    h.transport->script(
        "GET /v1/mgmt/tenant/all",
        {FakeTransport::fail(TransportErrorKind::timeout),
         FakeTransport::fail(TransportErrorKind::timeout),
         FakeTransport::status(500),  // an answer: Descope is there
         FakeTransport::fail(TransportErrorKind::timeout),
         FakeTransport::fail(TransportErrorKind::timeout), FakeTransport::ok(R"({"tenants":[]})")});
    auto api = h.make();
    auto r = api->load_all_tenants();
    ASSERT_TRUE(r) << r.error().to_string();
    EXPECT_TRUE(api->load_all_roles());
}

// Issue 12, finding 15: the cases that failed with a bare status.
TEST(RetryBehaviour, ARetryAfterLongerThanTheLimitSaysHowLongAndIsNotRetriedNow) {
    Harness h;
    h.transport->script("GET /v1/mgmt/tenant/all", {FakeTransport::status(429, "", 99999)});
    auto r = h.make()->load_all_tenants();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().to_string(),
              "dev: reading the tenants: HTTP 429 Too Many Requests: Descope asks to wait 99999 s "
              "(27 h 46 "
              "min) before the next request, longer than the 300 s this tool waits: run it again "
              "later");
    EXPECT_FALSE(r.error().retryable);
    EXPECT_EQ(r.error().retry_after_seconds, 99999);
    EXPECT_EQ(h.transport->requests().size(), 1u);
}

TEST(RetryBehaviour, ARedirectSaysWhereItPointsAndIsNeverFollowed) {
    Harness h;
    HttpResponse moved;
    moved.status = 302;
    moved.headers["location"] = std::string("https://login.example.com/?k=") + testing::kKey;
    h.transport->script("GET /v1/mgmt/tenant/all", {moved});
    auto r = h.make()->load_all_tenants();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().to_string(),
              "dev: reading the tenants: HTTP 302 Found: the server answered with a redirect to "
              "https://login.example.com/?k=<redacted>; descope-mgmt never follows redirects (the "
              "management key would go with them): set the environment's base_url to the "
              "address that answers");
    EXPECT_EQ(h.transport->requests().size(), 1u);
}

TEST(RetryBehaviour, AnUndecodableAnswerIsRetriedLikeALostOne) {
    Harness h;
    h.transport->script("GET /v1/mgmt/tenant/all",
                        {FakeTransport::fail(TransportErrorKind::undecodable, "bad gzip"),
                         FakeTransport::ok(R"({"tenants":[]})")});
    h.transport->script("POST /v1/mgmt/tenant/create",
                        {FakeTransport::fail(TransportErrorKind::undecodable, "bad gzip")});
    auto api = h.make();
    EXPECT_TRUE(api->load_all_tenants());
    model::Tenant no_id;
    no_id.name = "No id";
    auto r = api->create_tenant(no_id);  // may have been applied: never sent twice
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().may_have_applied);
    EXPECT_EQ(h.transport->count("POST /v1/mgmt/tenant/create"), 1u);
    EXPECT_TRUE(h.transport->requests().back().request.fresh_connection);
}

}  // namespace
}  // namespace descope_mgmt::api

namespace descope_mgmt::api {
namespace {

using namespace std::chrono_literals;

/// The activity a client reports, as "KIND +SECONDS" (until, relative to the start; "-" none).
struct ActivityLog {
    std::mutex mutex;
    std::vector<std::string> lines;
    ApiActivitySink sink() {
        return [this](const ApiActivity& a) {
            static const char* const names[] = {"waiting", "waited", "sent", "retry"};
            std::string line =
                std::string(names[static_cast<int>(a.kind)]) + " " + std::string(a.environment);
            if (a.until)
                line += " +" + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                                  *a.until - test::FakeClock::start())
                                                  .count());
            if (a.pauses_bucket) line += " pauses";
            std::lock_guard lock(mutex);
            lines.push_back(line);
        };
    }
};

// The progress line hears every request, every wait for the bucket (and until when) and every
// retry, from the client itself: the API layer prints nothing of it.
TEST(RetryBehaviour, ARetryAfterIsReportedAsAPauseOfTheBucketThenAWait) {
    testing::Harness h;
    ActivityLog activity;
    auto o = h.options("dev");
    o.activity = activity.sink();
    h.transport->script("GET /v1/mgmt/tenant/all", {test::FakeTransport::status(429, "", 7),
                                                    test::FakeTransport::ok(R"({"tenants":[]})")});
    auto api = h.make(o);
    ASSERT_TRUE(api->load_all_tenants());
    EXPECT_EQ(activity.lines,
              (std::vector<std::string>{"sent dev", "retry dev +7 pauses", "waiting dev +7",
                                        "waited dev", "sent dev"}));
}

TEST(RetryBehaviour, ABackoffRetryIsReportedWithItsTime) {
    testing::Harness h;
    ActivityLog activity;
    auto o = h.options("dev");
    o.activity = activity.sink();
    h.transport->script("GET /v1/mgmt/role/all", {test::FakeTransport::status(503),
                                                  test::FakeTransport::ok(R"({"roles":[]})")});
    auto api = h.make(o);
    ASSERT_TRUE(api->load_all_roles());
    EXPECT_EQ(activity.lines, (std::vector<std::string>{"sent dev", "retry dev +1", "sent dev"}));
}

}  // namespace
}  // namespace descope_mgmt::api
