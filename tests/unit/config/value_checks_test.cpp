// Single-value checks: domains, project ids, durations, base URLs, environment names.
#include "config/value_checks.hpp"

#include <gtest/gtest.h>

namespace descope_mgmt::config {
namespace {

TEST(CheckDomain, AcceptsLowerCaseHostNames) {
    for (const char* ok : {"acme.com", "eu.acme.co.uk", "a-b.io", "x1.example", "xn--bcher-kva.de"})
        EXPECT_EQ(check_domain(ok), "") << ok;
}

TEST(CheckDomain, ExplainsWhatIsWrong) {
    EXPECT_EQ(check_domain("Acme.com"), "write domains in lower case");
    EXPECT_EQ(check_domain("https://acme.com"),
              "remove the scheme: write only the host name, e.g. acme.com");
    EXPECT_EQ(check_domain("acme.com:443"), "remove the port: write only the host name");
    EXPECT_EQ(check_domain("acme.com/login"), "remove the path: write only the host name");
    EXPECT_EQ(check_domain("*.acme.com"), "wildcards are not allowed: list each domain");
    EXPECT_EQ(check_domain("bob@acme.com"),
              "write the domain, not an e-mail address (acme.com, not user@acme.com)");
    EXPECT_EQ(check_domain("acme"), "a domain has at least two labels, e.g. acme.com");
    EXPECT_EQ(check_domain("acme..com"),
              "a domain has no empty labels (no '..', no leading or trailing '.')");
    EXPECT_EQ(check_domain(".acme.com"),
              "a domain has no empty labels (no '..', no leading or trailing '.')");
    EXPECT_EQ(check_domain("-acme.com"), "a label cannot start or end with '-'");
    EXPECT_EQ(check_domain("acme_corp.com"), "use only letters, digits, '-' and '.'");
    EXPECT_EQ(check_domain("acme .com"), "a domain cannot contain spaces");
    EXPECT_EQ(check_domain("10.0.0.1"),
              "an IP address is not a domain: the last label cannot be all digits");
    EXPECT_EQ(check_domain(std::string(64, 'a') + ".com"),
              "each dot-separated label has at most 63 characters");
    std::string long_name;
    for (int i = 0; i < 51; ++i)
        long_name += "abcd.";  // 255 + "com"
    EXPECT_EQ(check_domain(long_name + "com"), "a domain has at most 253 characters");
}

TEST(CheckProjectId, PFollowedBy27OrMoreAlphanumerics) {
    EXPECT_EQ(check_project_id("P" + std::string(27, 'a')), "");      // 28: no region
    EXPECT_EQ(check_project_id("Puse1" + std::string(27, 'B')), "");  // 32: region use1
    EXPECT_EQ(check_project_id("P" + std::string(28, 'a')), "");
    // The Go SDK's tests use a 38-character id (go-sdk descope/api/client_test.go).
    EXPECT_EQ(check_project_id("Puse1" + std::string(33, '7')), "");
    for (const std::string& bad :
         {"P" + std::string(26, 'a'), "Q" + std::string(27, 'a'), "P" + std::string(26, 'a') + "-",
          "P" + std::string(40, 'a') + "_", std::string(), std::string("P")})
        EXPECT_EQ(check_project_id(bad),
                  "a project id is 'P' followed by 27 or more letters or digits (see Project "
                  "Settings in the Descope console)")
            << bad;
}

TEST(CheckDuration, UsesParseDuration) {
    for (const char* ok : {"1s", "90s", "1m", "10m", "12h", "7d", "4w", "2147483647m"})
        EXPECT_EQ(check_duration(ok), "") << ok;
    EXPECT_EQ(check_duration("10"),
              "add a unit: s (seconds), m (minutes), h (hours), d (days) or w (weeks), e.g. 30m");
    for (const char* bad : {"0m", "0s", "4x", "m", "", "-1d", "1.5h", "2147483648m", "4 w"})
        EXPECT_EQ(check_duration(bad),
                  "use <number><s|m|h|d|w> with a positive whole number, e.g. 90s, 30m, 12h, 7d "
                  "or 4w")
            << bad;
}

TEST(CheckTokenLifetime, AtLeastThreeMinutes) {
    for (const char* ok : {"3m", "180s", "181s", "1h", "1d", "1w", "0003m"})
        EXPECT_EQ(check_token_lifetime(ok), "") << ok;
    for (const char* below : {"2m", "179s", "1s", "90s"})
        EXPECT_EQ(check_token_lifetime(below), "Descope's minimum is 3 minutes (3m or 180s)")
            << below;
    // A malformed value gets the duration hint, not the floor.
    EXPECT_EQ(check_token_lifetime("10"), check_duration("10"));
}

TEST(CheckInactivityTimeout, AtLeastTenMinutes) {
    for (const char* ok : {"10m", "600s", "1h", "1d"})
        EXPECT_EQ(check_inactivity_timeout(ok), "") << ok;
    for (const char* below : {"9m", "599s", "5m"})
        EXPECT_EQ(check_inactivity_timeout(below), "Descope's minimum is 10 minutes (10m or 600s)")
            << below;
    EXPECT_EQ(check_inactivity_timeout("4x"), check_duration("4x"));
}

TEST(CheckBaseUrl, HttpsAnywhereHttpOnlyOnLoopback) {
    for (const char* ok : {"https://api.descope.com", "https://auth.acme.com/prefix/",
                           "http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:80"})
        EXPECT_EQ(check_base_url(ok), "") << ok;
    EXPECT_EQ(check_base_url("api.descope.com"),
              "use an http(s) URL, e.g. https://api.descope.com");
    EXPECT_NE(check_base_url("http://api.descope.com"), "");
    EXPECT_EQ(check_base_url("https://"), "the URL has no host name");
    EXPECT_EQ(check_base_url("https://a.com/?x=1"), "remove the query or fragment");
    EXPECT_EQ(check_base_url("https://user:pw@a.com"), "do not put credentials in the URL");
}

TEST(CheckEnvironmentName, LowerCaseNamesExceptAll) {
    for (const char* ok : {"dev", "prod", "eu-west_1", "a"})
        EXPECT_EQ(check_environment_name(ok), "");
    for (const char* bad : {"Prod", "1dev", "", "dev.eu", "-x"})
        EXPECT_NE(check_environment_name(bad), "") << bad;
    EXPECT_EQ(check_environment_name("all"),
              "'all' is reserved: '--env all' selects every environment");
}

TEST(DefaultCredentialVariable, UpperCasesAndReplacesDashes) {
    EXPECT_EQ(default_credential_variable("prod", "PROJECT_ID"), "DESCOPE_PROD_PROJECT_ID");
    EXPECT_EQ(default_credential_variable("eu-west_2", "MANAGEMENT_KEY"),
              "DESCOPE_EU_WEST_2_MANAGEMENT_KEY");
}

}  // namespace
}  // namespace descope_mgmt::config
