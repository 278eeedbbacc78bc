// A server's error message is what Descope (or a proxy in front of it) chose to send: it is
// kept to util::kMaxServerMessageBytes and escaped where it is read, so that neither the text
// nor the JSON output carries 5 MB or a raw escape sequence (issue 12, "Text").
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_harness.hpp"
#include "util/terminal_text.hpp"

namespace descope_mgmt::api {
namespace {

using test::FakeTransport;
using testing::Harness;

TEST(ServerMessages, AFiveMegabyteMessageIsCutEscapedAndRedacted) {
    Harness h;
    const std::string five_mb(5 * 1024 * 1024, 'x');
    const std::string message =
        "\x1b[2J\x1b]0;owned\x07 key " + std::string(testing::kKey) + " \xE2\x80\xAE" + five_mb;
    const nlohmann::json body{{"errorCode", "E011002"}, {"errorMessage", message}};
    h.transport->script("POST /v1/mgmt/tenant/create", {FakeTransport::status(400, body.dump())});
    model::Tenant t;
    t.id = "acme";
    t.name = "Acme";
    auto r = h.make()->create_tenant(t);
    ASSERT_FALSE(r);
    const std::string& shown = r.error().message;
    EXPECT_EQ(shown.rfind("\\x1b[2J\\x1b]0;owned\\x07 key <redacted> \\u202exxx", 0), 0u)
        << shown.substr(0, 200);
    const std::string marker = " \xE2\x80\xA6 (" +
                               std::to_string(message.size() - std::string(testing::kKey).size() +
                                              std::string("<redacted>").size()) +
                               " bytes, cut)";
    ASSERT_GE(shown.size(), marker.size());
    EXPECT_EQ(shown.substr(shown.size() - marker.size()), marker);
    EXPECT_LE(shown.size(), util::kMaxServerMessageBytes + marker.size());
    for (const char c : shown)
        EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 || c == 0x7f) << shown.substr(0, 200);
    EXPECT_LT(r.error().to_string().size(), 2 * util::kMaxServerMessageBytes);
}

TEST(ServerMessages, AShortMessageIsKeptAsItIs) {
    Harness h;
    h.transport->script("POST /v1/mgmt/tenant/create",
                        {FakeTransport::error(409, "E011003", "Tenant name already exists — é")});
    model::Tenant t;
    t.id = "acme";
    t.name = "Acme";
    auto r = h.make()->create_tenant(t);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "Tenant name already exists — é");
}

}  // namespace
}  // namespace descope_mgmt::api
