// Issue 13, "per-environment failures": an API error says what the user was doing in their
// words, the HTTP status in words, the server's message, and for a refused key (401/403) what
// to check, naming where that environment's key comes from and never the key. Only the HTTP
// status decides (real-service.md R15): the server's codes and text are shown, never read.
#include <gtest/gtest.h>

#include "api/api_error.hpp"
#include "api_harness.hpp"

namespace descope_mgmt::api {
namespace {

using test::FakeTransport;
using testing::Harness;

constexpr const char* kWordsHint =
    "check DESCOPE_PROD_MANAGEMENT_KEY: it is the key for prod's project P2abc";

TEST(ApiErrorWords, OperationsAreSaidInTheUsersWords) {
    EXPECT_EQ(describe_operation("tenant list", ""), "reading the tenants");
    EXPECT_EQ(describe_operation("role list", ""), "reading the roles");
    EXPECT_EQ(describe_operation("permission list", ""), "reading the permissions");
    EXPECT_EQ(describe_operation("tenant create", "acme"), "creating tenant acme");
    EXPECT_EQ(describe_operation("role delete", "acme/auditor"), "deleting role acme/auditor");
    EXPECT_EQ(describe_operation("flow import", "sign-up"), "deploying flow sign-up");
    EXPECT_EQ(describe_operation("theme import", ""), "deploying the theme");
    EXPECT_EQ(describe_operation("tenant settings update", "acme"),
              "updating the session settings of tenant acme");
    EXPECT_EQ(describe_operation("project name load", ""), "reading the project name");
    // A tenant created without an id is named by its name, which may have spaces: quoted.
    EXPECT_EQ(describe_operation("tenant create", "No id"), "creating tenant \"No id\"");
    // Without a subject the phrase stands alone; an unknown operation is said as it is.
    EXPECT_EQ(describe_operation("tenant create", ""), "creating tenant");
    EXPECT_EQ(describe_operation("widget frob", "x"), "widget frob \"x\"");
}

TEST(ApiErrorWords, TheStatusIsSaidInWords) {
    EXPECT_EQ(http_status_text(401), "HTTP 401 Unauthorized");
    EXPECT_EQ(http_status_text(403), "HTTP 403 Forbidden");
    EXPECT_EQ(http_status_text(503), "HTTP 503 Service Unavailable");
    EXPECT_EQ(http_status_text(599), "HTTP 599");
}

TEST(ApiErrorWords, ARefusedKeyNamesWhereTheKeyComesFromForBoth401And403) {
    for (const int status : {401, 403}) {
        ApiError e;
        e.environment = "prod";
        e.operation = "tenant list";
        e.http_status = status;
        e.error_code = "E011003";
        e.message = "Invalid project id or management key";
        e.credential_hint = kWordsHint;
        EXPECT_EQ(e.to_string(), "prod: reading the tenants: " + http_status_text(status) +
                                     ": Invalid project id or management key (E011003); " +
                                     kWordsHint);
        EXPECT_EQ(e.hint(), kWordsHint);
    }
}

TEST(ApiErrorWords, OtherStatusesAndTheCompanyKeyCaseCarryNoKeyHint) {
    ApiError e;
    e.environment = "dev";
    e.operation = "tenant create";
    e.subject = "acme";
    e.http_status = 400;
    e.error_code = "E011002";
    e.message = "The name field is required";
    e.credential_hint = kWordsHint;
    EXPECT_EQ(e.to_string(),
              "dev: creating tenant acme: HTTP 400 Bad Request: The name field is required "
              "(E011002)");
    EXPECT_EQ(e.hint(), "");

    // projects/list refuses a key limited to projects although it works elsewhere: its own
    // explanation comes first; a wrong key is refused there too, so the hint is the other cause.
    e.operation = "project name load";
    e.subject.clear();
    e.http_status = 401;
    e.needs_company_key = true;
    e.message = "reading the project name needs a company-level management key";
    EXPECT_EQ(e.hint(), std::string("or, if the key is wrong: ") + kWordsHint);
    EXPECT_EQ(e.to_string(),
              std::string("dev: reading the project name: HTTP 401 Unauthorized: reading the "
                          "project name needs a company-level management key (E011002); or, if "
                          "the key is wrong: ") +
                  kWordsHint);
}

TEST(ApiErrorWords, AnAnswerWithoutABodyIsItsStatusAlone) {
    ApiError e;
    e.environment = "dev";
    e.operation = "role list";
    e.http_status = 503;
    e.cancelled = true;
    EXPECT_EQ(e.to_string(), "dev: reading the roles: HTTP 503 Service Unavailable (interrupted)");
}

TEST(ApiErrorWords, TheClientCarriesItsHintIntoEveryErrorAndDecidesByStatusOnly) {
    Harness h;
    ClientOptions o = h.options("prod");
    o.credential_hint = kWordsHint;
    // A 403 whose code and text say nothing of keys: the status alone decides.
    h.transport->script("GET /v1/mgmt/tenant/all",
                        {FakeTransport::error(403, "E999999", "no entry")});
    h.transport->script("GET /v1/mgmt/role/all", {FakeTransport::error(500, "E000500", "oops")});
    auto api = h.make(o);
    auto tenants = api->load_all_tenants();
    ASSERT_FALSE(tenants);
    EXPECT_EQ(tenants.error().to_string(),
              std::string("prod: reading the tenants: HTTP 403 Forbidden: no entry (E999999); ") +
                  kWordsHint);
    EXPECT_EQ(tenants.error().to_string().find(testing::kKey), std::string::npos);

    o = h.options("prod");
    o.credential_hint = kWordsHint;
    o.retry.backoff.clear();
    auto other = h.make(o)->load_all_roles();
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().to_string(),
              "prod: reading the roles: HTTP 500 Internal Server Error: oops (E000500)");
}

}  // namespace
}  // namespace descope_mgmt::api
