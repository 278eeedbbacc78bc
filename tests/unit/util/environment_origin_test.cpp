// Issue 13: where an environment's key comes from, said when Descope refuses it; and the one
// reading of prune types, for defaults.prune and --prune alike.
#include <gtest/gtest.h>

#include "model/environment.hpp"

namespace descope_mgmt::model {
namespace {

Environment prod_with(CredentialOrigin origin) {
    Environment env;
    env.name = "prod";
    env.project_id = "P2prod00000000000000000000000";
    env.management_key = util::Secret("K2theActualKeyNeverShown");
    env.management_key_origin = std::move(origin);
    return env;
}

TEST(CredentialHint, NamesTheVariableTheKeyIsReadFrom) {
    const Environment env =
        prod_with({{"DESCOPE_PROD_MANAGEMENT_KEY"}, "environments.prod.management_key", {}});
    EXPECT_EQ(credential_hint(env),
              "check DESCOPE_PROD_MANAGEMENT_KEY: it is the key for prod's project "
              "P2prod00000000000000000000000");
}

TEST(CredentialHint, NamesTheConfigKeyAndItsPlaceWhenTheKeyIsWrittenInline) {
    const Environment env =
        prod_with({{}, "environments.prod.management_key", {"infra/descope.yaml", 12, 21}});
    const std::string hint = credential_hint(env);
    EXPECT_EQ(hint,
              "check environments.prod.management_key at infra/descope.yaml:12:21: it is the key "
              "for prod's project P2prod00000000000000000000000");
    EXPECT_EQ(hint.find("K2theActualKeyNeverShown"), std::string::npos);
}

TEST(CredentialHint, NamesEveryVariableOfAKeyMadeOfSeveral) {
    const Environment env = prod_with(
        {{"KEY_PART_A", "KEY_PART_B"}, "environments.prod.management_key", {"descope.yaml", 4, 5}});
    EXPECT_EQ(credential_hint(env),
              "check KEY_PART_A and KEY_PART_B (in environments.prod.management_key): it is the "
              "key for prod's project P2prod00000000000000000000000");
}

TEST(PruneTypes, PluralAndSingularAreOneType) {
    EXPECT_EQ(parse_prune_type("tenants"), PruneType::tenants);
    EXPECT_EQ(parse_prune_type("tenant"), PruneType::tenants);
    EXPECT_EQ(parse_prune_type("roles"), PruneType::roles);
    EXPECT_EQ(parse_prune_type("role"), PruneType::roles);
    EXPECT_EQ(parse_prune_type("permission"), PruneType::permissions);
    EXPECT_EQ(parse_prune_type("flow"), PruneType::flows);
    EXPECT_FALSE(parse_prune_type("Tenants"));
    EXPECT_FALSE(parse_prune_type("themes"));
    EXPECT_FALSE(parse_prune_type(""));
    EXPECT_EQ(prune_type_names(),
              (std::vector<std::string>{"tenants", "roles", "permissions", "flows"}));
}

}  // namespace
}  // namespace descope_mgmt::model
