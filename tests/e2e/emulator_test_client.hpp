#pragma once
// A tiny HTTP client for the emulator e2e tests: cpp-httplib with the Bearer header set.

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

namespace descope_mgmt::test {

struct HttpReply {
    int status = 0;  // 0 = no answer (connection error)
    std::string body;
    httplib::Headers headers;
    httplib::Error error = httplib::Error::Success;

    nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
    std::string header(const std::string& name) const {
        const auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

class EmulatorClient {
  public:
    EmulatorClient(const std::string& base_url, const std::string& project, const std::string& key)
        : m_client(base_url) {
        if (!project.empty()) m_headers.emplace("Authorization", "Bearer " + project + ":" + key);
        m_client.set_read_timeout(30, 0);
    }

    HttpReply get(const std::string& path) {
        return convert(m_client.Get(path.c_str(), m_headers));
    }
    HttpReply post(const std::string& path, const nlohmann::json& body) {
        return post_raw(path, body.dump());
    }
    HttpReply post_raw(const std::string& path, const std::string& body) {
        return convert(m_client.Post(path.c_str(), m_headers, body, "application/json"));
    }
    httplib::Client& raw() { return m_client; }

  private:
    static HttpReply convert(const httplib::Result& result) {
        HttpReply reply;
        if (!result) {
            reply.error = result.error();
            return reply;
        }
        reply.status = result->status;
        reply.body = result->body;
        reply.headers = result->headers;
        return reply;
    }

    httplib::Client m_client;
    httplib::Headers m_headers;
};

}  // namespace descope_mgmt::test
