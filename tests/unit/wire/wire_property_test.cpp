// Property: no body, however malformed, makes a wire reader throw or crash; each returns a
// value or an error.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <nlohmann/json.hpp>

#include "wire/error_body.hpp"
#include "wire/flow_wire.hpp"
#include "wire/json_reader.hpp"
#include "wire/permission_wire.hpp"
#include "wire/project_wire.hpp"
#include "wire/role_wire.hpp"
#include "wire/settings_wire.hpp"
#include "wire/tenant_wire.hpp"

namespace descope_mgmt::wire {
namespace {

using nlohmann::json;

/// A random JSON value of bounded depth whose keys are drawn from the wire's field names, so
/// that wrong types land on real fields.
json random_json(int depth) {
    static const std::vector<std::string> keys = {"tenants",
                                                  "tenant",
                                                  "id",
                                                  "name",
                                                  "selfProvisioningDomains",
                                                  "customAttributes",
                                                  "enforceSSO",
                                                  "disabled",
                                                  "parent",
                                                  "defaultRoles",
                                                  "roles",
                                                  "permissionNames",
                                                  "tenantId",
                                                  "permissions",
                                                  "description",
                                                  "flows",
                                                  "flow",
                                                  "screens",
                                                  "theme",
                                                  "projects",
                                                  "tags",
                                                  "enabled",
                                                  "refreshTokenExpiration",
                                                  "refreshTokenExpirationUnit",
                                                  "enableInactivity",
                                                  "inactivityTime",
                                                  "inactivityTimeUnit",
                                                  "InactivityTime",
                                                  "JITDisabled",
                                                  "errorCode",
                                                  "errorMessage"};
    const int kind = *rc::gen::inRange(0, depth > 0 ? 9 : 6);
    switch (kind) {
        case 0:
            return nullptr;
        case 1:
            return *rc::gen::arbitrary<bool>();
        case 2:
            return *rc::gen::arbitrary<std::int64_t>();
        case 3:
            return *rc::gen::arbitrary<double>();
        case 4:
            return *rc::gen::element<std::string>("minutes", "weeks", "12", "", "x");
        case 5:
            return *rc::gen::arbitrary<std::string>();
        case 6:
        case 7: {
            json obj = json::object();
            const int n = *rc::gen::inRange(0, 5);
            for (int i = 0; i < n; ++i)
                obj[*rc::gen::elementOf(keys)] = random_json(depth - 1);
            return obj;
        }
        default: {
            json arr = json::array();
            const int n = *rc::gen::inRange(0, 4);
            for (int i = 0; i < n; ++i)
                arr.push_back(random_json(depth - 1));
            return arr;
        }
    }
}

TEST(WireProperty, ReadersNeverThrowOnArbitraryJson) {
    const bool ok = rc::check([] {
        const json body = random_json(4);
        (void)parse_tenant_list(body);
        (void)parse_tenant_load(body);
        (void)raw_tenant_in_load(body);
        (void)parse_tenant_create_answer(body);
        (void)settings_from_json(body);
        (void)parse_role_list(body);
        (void)find_raw_role(body, "", "name");
        (void)parse_permission_list(body);
        (void)parse_flow_list(body);
        (void)parse_flow_export("f", body);
        (void)parse_theme_export(body);
        (void)parse_project_list(body);
        (void)parse_error_body(to_text(body));
        (void)flow_import_body({"f", to_text(body)});
        (void)theme_import_body({to_text(body)});
    });
    EXPECT_TRUE(ok);
}

TEST(WireProperty, ParseJsonNeverThrowsOnArbitraryText) {
    const bool ok = rc::check([](const std::string& text) {
        auto parsed = parse_json(text);
        if (parsed) RC_ASSERT(json::parse(text) == *parsed);
        (void)parse_error_body(text);
    });
    EXPECT_TRUE(ok);
}

}  // namespace
}  // namespace descope_mgmt::wire
