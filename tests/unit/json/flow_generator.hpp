#pragma once
// Deterministic, realistic-looking flow documents for the JSON tests and the benchmark: a v1
// export {"flow":{...},"screens":[...]} with a task graph in flow.dsl and screens carrying
// inputs, interactions and an HTML template tree. The random source is a hand-rolled
// splitmix64 (std distributions differ between standard libraries, and golden files must not).

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace descope_mgmt::testing {

/// splitmix64: tiny, fast, identical on every platform.
class SplitMix {
  public:
    explicit SplitMix(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, n) (the modulo bias is irrelevant here).
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
    bool chance(unsigned percent) { return below(100) < percent; }
    template <class T>
    const T& pick(const std::vector<T>& items) {
        return items[below(items.size())];
    }

  private:
    std::uint64_t m_state;
};

struct FlowShape {
    int tasks = 40;
    int screens = 8;
    int inputs_per_screen = 4;
    int template_depth = 3;  // nesting of the screen's HTML template tree
    std::uint64_t seed = 1;
};

inline std::string task_id(int i) {
    return "t" + std::to_string(i);
}
inline std::string screen_id(int i) {
    return "SC" + std::to_string(i);
}

inline nlohmann::json generate_template(SplitMix& rng, int depth) {
    static const std::vector<std::string> tags{"descope-container", "descope-text",
                                               "descope-button",    "descope-input",
                                               "descope-link",      "descope-divider"};
    nlohmann::json node{{"type", rng.pick(tags)},
                        {"attrs",
                         {{"data-id", "el-" + std::to_string(rng.next() % 100000)},
                          {"st-host-direction", rng.chance(50) ? "row" : "column"},
                          {"st-spacing", std::to_string(rng.below(5)) + "rem"},
                          {"variant", rng.chance(50) ? "primary" : "outline"}}},
                        {"text", "Lorem ipsum " + std::to_string(rng.below(1000))}};
    if (depth > 0) {
        auto& children = node["children"] = nlohmann::json::array();
        const std::size_t n = 1 + rng.below(3);
        for (std::size_t i = 0; i < n; ++i)
            children.push_back(generate_template(rng, depth - 1));
    }
    return node;
}

inline nlohmann::json generate_input(SplitMix& rng, const std::string& name) {
    static const std::vector<std::string> types{"string", "email", "phone", "boolean", "number"};
    nlohmann::json options = nlohmann::json::array();
    const std::size_t n_options = rng.below(4);
    for (std::size_t i = 0; i < n_options; ++i)
        options.push_back(
            {{"value", "v" + std::to_string(i)}, {"label", "Option " + std::to_string(i)}});
    return {{"name", name},
            {"type", rng.pick(types)},
            {"required", rng.chance(50)},
            {"visible", true},
            {"displayName", "Field " + name},
            {"displayType", "text"},
            {"dependsOn", nlohmann::json::array()},
            {"nameValueMap", nlohmann::json::object()},
            {"contextAware", false},
            {"options", options},
            {"defaultValue", ""},
            {"helperText", rng.chance(30) ? "We never share it" : ""}};
}

/// A flow as `flow/export` returns it, server metadata included.
inline nlohmann::json generate_flow(const FlowShape& shape,
                                    const std::string& flow_id = "sign-up-or-in") {
    SplitMix rng(shape.seed);
    static const std::vector<std::string> actions{
        "otp.email.send", "otp.email.verify", "password.signUp", "user.load",
        "user.update",    "tenant.select",    "sso.start",       "webauthn.signIn"};
    static const std::vector<std::string> condition_keys{
        "user.verifiedEmail", "user.hasPassword", "device.webauthnSupport", "tenant.ssoEnabled"};

    nlohmann::json tasks = nlohmann::json::array();
    for (int i = 0; i < shape.tasks; ++i) {
        const int next = i + 1 < shape.tasks ? i + 1 : 0;
        nlohmann::json task{{"id", task_id(i)},
                            {"title", "Step " + std::to_string(i)},
                            {"next", task_id(next)},
                            {"position", {{"x", 120 * (i % 10)}, {"y", 80 * (i / 10)}}}};
        switch (rng.below(3)) {
            case 0:
                task["type"] = "action";
                task["action"] = rng.pick(actions);
                task["config"] = {{"timeoutSeconds", 30 + rng.below(60)},
                                  {"retry", rng.chance(50)},
                                  {"errorNext", task_id(static_cast<int>(rng.below(shape.tasks)))}};
                break;
            case 1: {
                task["type"] = "condition";
                auto& conditions = task["conditions"] = nlohmann::json::array();
                const std::size_t n = 1 + rng.below(3);
                for (std::size_t c = 0; c < n; ++c)
                    conditions.push_back(
                        {{"operator", rng.chance(50) ? "is-true" : "is-false"},
                         {"key", rng.pick(condition_keys)},
                         {"next", task_id(static_cast<int>(rng.below(shape.tasks)))}});
                break;
            }
            default:
                task["type"] = "screen";
                task["screenId"] = screen_id(static_cast<int>(rng.below(shape.screens)));
                break;
        }
        tasks.push_back(std::move(task));
    }

    nlohmann::json screens = nlohmann::json::array();
    for (int s = 0; s < shape.screens; ++s) {
        nlohmann::json inputs = nlohmann::json::array();
        for (int i = 0; i < shape.inputs_per_screen; ++i)
            inputs.push_back(generate_input(rng, i == 0 ? "email" : "field" + std::to_string(i)));
        screens.push_back({{"id", screen_id(s)},
                           {"version", 1 + rng.below(9)},
                           {"flowId", flow_id},
                           {"inputs", inputs},
                           {"interactions",
                            {{{"id", "submit-" + std::to_string(s)},
                              {"type", "submit"},
                              {"label", "Continue"},
                              {"icon", ""},
                              {"subType", ""}},
                             {{"id", "back-" + std::to_string(s)},
                              {"type", "button"},
                              {"label", "Back"},
                              {"icon", "arrow-left"},
                              {"subType", ""}}}},
                           {"htmlTemplate", generate_template(rng, shape.template_depth)},
                           {"componentsVersion", "1.58.0"}});
    }

    nlohmann::json flow{{"id", flow_id},
                        {"version", 17},
                        {"name", "Sign Up or In"},
                        {"description", "Generated test flow"},
                        {"dsl",
                         {{"start", {{"id", "start"}, {"next", task_id(0)}}},
                          {"tasks", tasks},
                          {"settings", {{"sessionMigration", false}, {"language", "en"}}}}},
                        {"modifiedTime", "1726067547000"},
                        {"etag", "W/\"a1b2c3\""},
                        {"disabled", false},
                        {"translate", false},
                        {"translateConnectorID", ""},
                        {"translateSourceLang", ""},
                        {"translateTargetLangs", nlohmann::json::array()},
                        {"fingerprint", false},
                        {"widget", false}};
    return {{"flow", flow}, {"screens", screens}};
}

/// What another environment's export of the same flow looks like: new server metadata,
/// screens in another order.
inline void as_exported_elsewhere(nlohmann::json& doc) {
    doc["flow"]["version"] = 3;
    doc["flow"]["modifiedTime"] = "1730000000000";
    doc["flow"]["etag"] = "W/\"ffff\"";
    auto& screens = doc["screens"];
    std::reverse(screens.begin(), screens.end());
    for (auto& screen : screens)
        screen["version"] = 1;
}

/// A handful of edits, as a console user makes them: one task re-pointed, one required flag
/// flipped, one task inserted in the middle, one number turned into a string, one screen
/// input removed, one interaction label changed.
inline void edit_a_little(nlohmann::json& doc) {
    auto& tasks = doc["flow"]["dsl"]["tasks"];
    const std::size_t mid = tasks.size() / 2;
    tasks[3]["next"] = "t-new";
    tasks.insert(tasks.begin() + static_cast<std::ptrdiff_t>(mid),
                 nlohmann::json{{"id", "t-new"},
                                {"type", "action"},
                                {"action", "audit.log"},
                                {"title", "Audit"},
                                {"next", task_id(4)},
                                {"position", {{"x", 0}, {"y", 0}}}});
    tasks[1]["position"]["x"] = "120";
    auto& screens = doc["screens"];
    screens[1]["inputs"][0]["required"] = !screens[1]["inputs"][0]["required"].get<bool>();
    auto& inputs = screens[2]["inputs"];
    if (inputs.size() > 1) inputs.erase(inputs.begin() + 1);
    screens[0]["interactions"][0]["label"] = "Next";
}

}  // namespace descope_mgmt::testing
