#include "api/base_url.hpp"

#include <gtest/gtest.h>

namespace descope_mgmt::api {
namespace {

TEST(BaseUrl, DerivedFromTheProjectIdLikeTheSdks) {
    EXPECT_EQ(default_base_url("P2abcdefghijklmnopqrstuvwxyz"), "https://api.descope.com");
    EXPECT_EQ(default_base_url("Puse1abcdefghijklmnopqrstuvwxyz1"), "https://api.use1.descope.com");
    EXPECT_EQ(default_base_url("Peuc1abcdefghijklmnopqrstuvwxyz1"), "https://api.euc1.descope.com");
    EXPECT_EQ(default_base_url(""), "https://api.descope.com");
}

TEST(BaseUrl, ExplicitUrlWinsTrailingSlashStrippedPrefixKept) {
    auto a = resolve_base_url("P2abc", std::string("http://127.0.0.1:9999/"));
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(*a, "http://127.0.0.1:9999");
    auto b = resolve_base_url("P2abc", std::string("http://127.0.0.1:9999/prefix/"));
    ASSERT_TRUE(b);
    EXPECT_EQ(*b, "http://127.0.0.1:9999/prefix");
    auto c = resolve_base_url("P2abc", std::string("https://auth.company.com"));
    ASSERT_TRUE(c);
    EXPECT_EQ(*c, "https://auth.company.com");
    auto d = resolve_base_url("P2abc", std::nullopt);
    ASSERT_TRUE(d);
    EXPECT_EQ(*d, "https://api.descope.com");
}

TEST(BaseUrl, RegionPlaceholderAsInTheNodeSdk) {
    auto r = resolve_base_url("Peuc1abcdefghijklmnopqrstuvwxyz1",
                              std::string("https://api.<region>descope.com"));
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, "https://api.euc1.descope.com");
    auto none = resolve_base_url("P2abc", std::string("https://api.<region>descope.com"));
    ASSERT_TRUE(none);
    EXPECT_EQ(*none, "https://api.descope.com");
}

TEST(BaseUrl, PlainHttpOnlyForLoopback) {
    for (const char* ok :
         {"http://127.0.0.1:1", "http://localhost:8080", "http://[::1]:9", "HTTP://LOCALHOST"}) {
        EXPECT_TRUE(resolve_base_url("P2abc", std::string(ok))) << ok;
    }
    auto bad = resolve_base_url("P2abc", std::string("http://api.descope.com"));
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("http://api.descope.com"), std::string::npos);
    EXPECT_NE(bad.error().message.find("loopback"), std::string::npos);
    EXPECT_FALSE(resolve_base_url("P2abc", std::string("http://127.0.0.2")));
    EXPECT_FALSE(resolve_base_url("P2abc", std::string("http://localhost.evil.com")));
}

TEST(BaseUrl, RejectsMalformedUrls) {
    EXPECT_FALSE(resolve_base_url("P", std::string("api.descope.com")));
    EXPECT_FALSE(resolve_base_url("P", std::string("ftp://api.descope.com")));
    EXPECT_FALSE(resolve_base_url("P", std::string("https://")));
    EXPECT_FALSE(resolve_base_url("P", std::string("https://u:p@api.descope.com")));
    EXPECT_FALSE(resolve_base_url("P", std::string("https://api.descope.com/?x=1")));
}

TEST(BaseUrl, LoopbackHosts) {
    EXPECT_TRUE(is_loopback_host("127.0.0.1"));
    EXPECT_TRUE(is_loopback_host("::1"));
    EXPECT_TRUE(is_loopback_host("LocalHost"));
    EXPECT_FALSE(is_loopback_host("10.0.0.1"));
    EXPECT_FALSE(is_loopback_host(""));
}

}  // namespace
}  // namespace descope_mgmt::api
