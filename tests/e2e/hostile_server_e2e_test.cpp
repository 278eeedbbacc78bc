// Issue 12, findings 10 and 15, over a real socket: the libcurl client against a loopback server
// that answers what Descope never would (an endless body, a huge one, a broken gzip stream, a
// redirect). Each must end at once with an error that names the cause.

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "api/curl_transport.hpp"
#include "api/http_descope_api.hpp"

namespace descope_mgmt::api {
namespace {

class HostileServer : public ::testing::Test {
  protected:
    void SetUp() override {
        m_port = m_server.bind_to_any_port("127.0.0.1");
        ASSERT_GT(m_port, 0);
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    void TearDown() override {
        m_server.stop();
        if (m_thread.joinable()) m_thread.join();
    }

    std::unique_ptr<HttpDescopeApi> client(std::size_t max_response_bytes = 1 << 20) {
        ClientOptions o;
        o.environment = "dev";
        o.project_id = "P2hostileserverprojectxxxxxx";
        o.management_key = util::Secret("K2hostileServerKey");
        o.base_url = "http://127.0.0.1:" + std::to_string(m_port);
        o.retry.backoff = {std::chrono::milliseconds(10), std::chrono::milliseconds(20)};
        o.max_response_bytes = max_response_bytes;
        auto limiter =
            std::make_shared<RateLimiter>(util::SystemClock::instance(), model::RateLimit{200, 60});
        return std::make_unique<HttpDescopeApi>(std::move(o), std::make_shared<CurlTransport>(),
                                                limiter);
    }

    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
    std::atomic<int> m_hits{0};
};

// Finding 10: an endless chunked body reached 8.4 GB.
TEST_F(HostileServer, AnEndlessAnswerIsCutAtTheCap) {
    m_server.Get("/v1/mgmt/tenant/all", [this](const httplib::Request&, httplib::Response& res) {
        ++m_hits;
        res.set_chunked_content_provider("application/json",
                                         [](std::size_t, httplib::DataSink& sink) {
                                             static const std::string chunk(64 * 1024, ' ');
                                             return sink.write(chunk.data(), chunk.size());
                                         });
    });
    auto r = client()->load_all_tenants();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().to_string(),
              "dev: reading the tenants: answer too large: the answer is larger than 1 MiB, the "
              "most this "
              "tool reads (DESCOPE_MGMT_MAX_RESPONSE_MB raises it)");
    EXPECT_FALSE(r.error().retryable);
    EXPECT_EQ(m_hits.load(), 1);
}

TEST_F(HostileServer, ADeclaredLengthOverTheCapIsRefusedBeforeReading) {
    m_server.Get("/v1/mgmt/tenant/all", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"padding":")" + std::string(3 << 20, 'x') + R"("})",
                        "application/json");
    });
    auto r = client()->load_all_tenants();
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("larger than 1 MiB"), std::string::npos)
        << r.error().to_string();
    // Under the cap it is read (and then refused for its shape, not its size).
    auto big = client(8 << 20)->load_all_tenants();
    ASSERT_FALSE(big);
    EXPECT_NE(big.error().message.find("unexpected answer"), std::string::npos)
        << big.error().to_string();
}

// Finding 15: a corrupt gzip body was a transport error that was never retried.
TEST_F(HostileServer, ABrokenGzipAnswerIsRetriedAndNamed) {
    m_server.Get("/v1/mgmt/tenant/all", [this](const httplib::Request&, httplib::Response& res) {
        if (++m_hits == 1) {
            res.set_header("Content-Encoding", "gzip");
            // Not a type httplib compresses itself: these bytes go out as they are.
            res.set_content(std::string("\x1f\x8b\x08\x00", 4) + "garbage that is not deflate",
                            "application/octet-stream");
            return;
        }
        res.set_content(R"({"tenants":[]})", "application/json");
    });
    auto r = client()->load_all_tenants();
    ASSERT_TRUE(r) << r.error().to_string();
    EXPECT_EQ(m_hits.load(), 2);

    m_hits = 0;
    m_server.Get("/v1/mgmt/role/all", [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Content-Encoding", "gzip");
        res.set_content(std::string("\x1f\x8b\x08\x00", 4) + " still garbage",
                        "application/octet-stream");
    });
    auto roles = client()->load_all_roles();
    ASSERT_FALSE(roles);
    EXPECT_EQ(roles.error().message.rfind("undecodable answer: ", 0), 0u)
        << roles.error().to_string();
    EXPECT_EQ(roles.error().attempts, 3);
}

// Finding 15: a redirect failed with a bare "302".
TEST_F(HostileServer, ARedirectIsNamedAndNeverFollowed) {
    m_server.Get("/v1/mgmt/tenant/all", [this](const httplib::Request&, httplib::Response& res) {
        ++m_hits;
        res.status = 302;
        res.set_header("Location", "https://login.example.com/");
    });
    auto r = client()->load_all_tenants();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().http_status, 302);
    EXPECT_NE(r.error().message.find("redirect to https://login.example.com/; descope-mgmt never "
                                     "follows redirects"),
              std::string::npos)
        << r.error().to_string();
    EXPECT_EQ(m_hits.load(), 1);
}

}  // namespace
}  // namespace descope_mgmt::api
