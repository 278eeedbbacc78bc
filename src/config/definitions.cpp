#include "config/definitions.hpp"

#include "config/value_checks.hpp"
#include "model/environment.hpp"

namespace descope_mgmt::config {

const KeyDef* TypeDef::key(std::string_view name) const {
    for (const auto& k : keys)
        if (name == k.name) return &k;
    return nullptr;
}

std::vector<std::string> TypeDef::key_names() const {
    std::vector<std::string> names;
    names.reserve(keys.size());
    for (const auto& k : keys)
        names.emplace_back(k.name);
    return names;
}

// Length limits (docs/config.md, "Length limits"). Descope's own where a public Descope source
// states one (the max_length_source); elsewhere ours: far above any real value, low enough that
// a pasted file or a runaway template is a located error of validate and is never sent.
constexpr std::size_t kMaxIdLength = 1000;
constexpr std::size_t kMaxNameLength = 1000;
constexpr std::size_t kMaxTextLength = 10000;
constexpr std::size_t kMaxPathLength = 4096;  // Linux's PATH_MAX
// terraform-provider-descope: internal/models/attrs/stringattr/validators.go
// (StandardLenValidator), used by internal/models/project/authorization/{role,permission}.go.
constexpr const char* kTerraformDescriptions =
    "terraform-provider-descope: internal/models/attrs/stringattr/validators.go";

// The table. Statics in a function: built once, in dependency order, on first use.
const TypeDef& config_definition() {
    using K = ValueKind;
    static const TypeDef text{
        .kind = K::string, .title = "a string", .noun = "string", .max_length = kMaxTextLength};
    static const TypeDef description{.kind = K::string,
                                     .title = "a description",
                                     .noun = "description",
                                     .max_length = 254,
                                     .max_length_source = kTerraformDescriptions};
    static const TypeDef name{.kind = K::string,
                              .title = "a name",
                              .noun = "name",
                              .max_length = kMaxNameLength,
                              .non_empty = true};
    static const TypeDef identifier{.kind = K::string,
                                    .title = "an id",
                                    .noun = "id",
                                    .pattern = "^\\S+$",
                                    .check = check_identifier,
                                    .max_length = kMaxIdLength,
                                    .non_empty = true};
    static const TypeDef boolean{.kind = K::boolean, .title = "true or false", .noun = "boolean"};
    static const TypeDef positive{.kind = K::integer,
                                  .title = "a whole number",
                                  .noun = "number",
                                  .minimum = 1,
                                  .maximum = 1'000'000'000};
    static const TypeDef version{.kind = K::integer,
                                 .title = "a whole number",
                                 .noun = "config version",
                                 .allowed = {"1"},
                                 .check = check_version};
    static const TypeDef env_name{.kind = K::string,
                                  .title = "an environment name",
                                  .noun = "environment name",
                                  .pattern = "^(?!all$)[a-z][a-z0-9_-]*$",
                                  .check = check_environment_name,
                                  .max_length = 100,
                                  .non_empty = true};
    static const TypeDef env_selection{
        .kind = K::list,
        .title = "a list of environment names",
        .noun = "environment list",
        .description =
            "Environments this resource exists in (declared under 'environments'). "
            "Omitted: every environment.",
        .element = &env_name,
        .unique_items = true,
        .example = "[dev, staging, prod]"};
    static const TypeDef duration{
        .kind = K::string,
        .title = "a duration",
        .noun = "duration",
        .description =
            "<number><s|m|h|d|w>: seconds, minutes, hours, days or weeks, e.g. 90s, 30m or 4w.",
        .pattern = "^0*[1-9][0-9]*[smhdw]$",
        .check = check_duration,
        .example = "4w"};
    // Descope's floors (terraform-provider-descope internal/docs/docs.go, settings/settings.go),
    // written as patterns too so that an editor flags what validate flags.
    static const TypeDef token_lifetime{
        .kind = K::string,
        .title = "a duration",
        .noun = "duration",
        .description =
            "A duration (<number><s|m|h|d|w>) of at least 3 minutes (Descope's minimum).",
        .pattern =
            "^(0*(1[89][0-9]|[2-9][0-9]{2}|[1-9][0-9]{3,})s|0*([3-9]|[1-9][0-9]+)m|"
            "0*[1-9][0-9]*[hdw])$",
        .check = check_token_lifetime,
        .example = "4w"};
    static const TypeDef inactivity{
        .kind = K::string,
        .title = "a duration",
        .noun = "duration",
        .description =
            "A duration (<number><s|m|h|d|w>) of at least 10 minutes (Descope's minimum).",
        .pattern = "^(0*([6-9][0-9]{2}|[1-9][0-9]{3,})s|0*[1-9][0-9]+m|0*[1-9][0-9]*[hdw])$",
        .check = check_inactivity_timeout,
        .example = "30m"};
    static const TypeDef domain{
        .kind = K::string,
        .title = "a domain",
        .noun = "domain",
        .description = "A lower-case host name (RFC 1123) without scheme, port or path.",
        .pattern = "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",
        .check = check_domain,
        .example = "acme.com"};
    static const TypeDef domains{.kind = K::list,
                                 .title = "a list of domains",
                                 .noun = "domain list",
                                 .element = &domain,
                                 .unique_items = true,
                                 .example = "[acme.com, acme.io]"};
    static const TypeDef names{.kind = K::list,
                               .title = "a list of names",
                               .noun = "name list",
                               .element = &name,
                               .unique_items = true,
                               .example = "[viewer, editor]"};
    static const TypeDef project_id{.kind = K::string,
                                    .title = "a project id",
                                    .noun = "project id",
                                    .description = "'P' followed by 27 or more letters or digits.",
                                    .pattern = "^P[A-Za-z0-9]{27,}$",
                                    .check = check_project_id,
                                    .max_length = 100,
                                    .example = "${DESCOPE_PROD_PROJECT_ID}"};
    static const TypeDef management_key{.kind = K::string,
                                        .title = "a management key",
                                        .noun = "management key",
                                        .max_length = kMaxIdLength,
                                        .non_empty = true,
                                        .example = "${DESCOPE_PROD_MANAGEMENT_KEY}"};
    static const TypeDef base_url{
        .kind = K::string,
        .title = "a URL",
        .noun = "URL",
        .description = "https://host[:port][/path]; http:// only for loopback addresses.",
        .pattern = "^https?://[^\\s/?#@]+(/[^\\s?#]*)?$",
        .check = check_base_url,
        .max_length = 2048,
        .example = "https://api.descope.com"};

    // Custom attribute values: what Descope accepts.
    static const TypeDef integer{.kind = K::integer, .title = "a whole number", .noun = "number"};
    static const TypeDef number{.kind = K::number, .title = "a number", .noun = "number"};
    static const TypeDef strings{
        .kind = K::list, .title = "a list of strings", .noun = "list", .element = &text};
    static const TypeDef attribute_value{
        .kind = K::any_of,
        .title = "a string, number, true/false or a list of strings",
        .noun = "custom attribute value",
        .alternatives = {&text, &integer, &number, &boolean, &strings}};
    static const TypeDef custom_attributes{
        .kind = K::map,
        .title = "a mapping of attribute names to values",
        .noun = "custom attributes",
        .description =
            "Tenant custom attributes (defined in the project's tenant custom "
            "attributes): name -> string, number, true/false or list of strings.",
        .element = &attribute_value,
        .key_pattern = "^\\S+$",
        .key_check = check_identifier,
        .key_noun = "attribute name",
        .example = "{plan: enterprise, seats: 50}"};

    static const TypeDef scope{.kind = K::string,
                               .title = "a rate limit scope",
                               .noun = "rate limit scope",
                               .allowed = {"environment", "shared"}};
    static const TypeDef default_rate_limit{
        .kind = K::object,
        .title = "a rate limit",
        .noun = "rate limit",
        .description = "Requests allowed per time window, taken before each request is sent.",
        .def_name = "defaultRateLimit",
        .keys = {{"requests", &positive, "Requests per window.", false, "100"},
                 {"per_seconds", &positive, "Window length in seconds.", false, "60"},
                 {"scope", &scope,
                  "shared: one bucket for all environments (Descope limits plain API traffic "
                  "per IP, 100 requests / 60 s); environment: one bucket per environment (when "
                  "each environment has its own egress IP).",
                  false, "shared"}},
        .example = "{requests: 100, per_seconds: 60, scope: shared}"};
    static const TypeDef rate_limit{
        .kind = K::object,
        .title = "a rate limit",
        .noun = "rate limit",
        .description = "This environment's rate limit; unset fields come from defaults.",
        .def_name = "rateLimit",
        .keys = {{"requests", &positive, "Requests per window.", false, "defaults.rate_limit"},
                 {"per_seconds", &positive, "Window length in seconds.", false,
                  "defaults.rate_limit"}},
        .example = "{requests: 100, per_seconds: 60}"};
    // model::parse_prune_type reads both, as --prune does; the plural is the documented form.
    static const TypeDef prune_type{
        .kind = K::string,
        .title = "a resource type",
        .noun = "resource type",
        .description = "tenants, roles, permissions or flows (the singular is accepted too).",
        .allowed = model::prune_type_names(),
        .aliases = model::prune_type_singulars()};
    static const TypeDef prune{.kind = K::list,
                               .title = "a list of resource types",
                               .noun = "resource type list",
                               .element = &prune_type,
                               .unique_items = true,
                               .nullable = true,
                               .example = "[roles, permissions]"};
    static const TypeDef folder{.kind = K::string,
                                .title = "a folder path",
                                .noun = "folder path",
                                .max_length = kMaxPathLength,
                                .non_empty = true};
    static const TypeDef backups{
        .kind = K::object,
        .title = "the automatic backups",
        .noun = "backup settings",
        .description =
            "The backup apply takes of each environment before its first change (restore with "
            "'descope-mgmt restore'). DESCOPE_MGMT_BACKUP_DIR and DESCOPE_MGMT_BACKUP_KEEP "
            "override these. They cannot be switched off here: only one run can skip them, with "
            "DESCOPE_MGMT_BACKUP=off.",
        .def_name = "backups",
        .keys = {{"dir", &folder,
                  "Folder of the backups (one subfolder per environment), relative to the config "
                  "file's folder.",
                  false, ".descope-mgmt/backups"},
                 {"keep", &positive,
                  "Newest backups kept per environment; older ones are deleted after each new "
                  "one.",
                  false, "10"}},
        .example = "{dir: .descope-mgmt/backups, keep: 10}"};
    static const TypeDef files_outside{.kind = K::string,
                                       .title = "refuse or allow",
                                       .noun = "setting",
                                       .allowed = {"refuse", "allow"}};
    static const TypeDef defaults{
        .kind = K::object,
        .title = "the defaults",
        .noun = "defaults",
        .description = "Settings that apply to every environment unless it overrides them.",
        .def_name = "defaults",
        .keys = {{"rate_limit", &default_rate_limit, "Default API rate limit.", false,
                  "{requests: 100, per_seconds: 60, scope: shared}"},
                 {"prune", &prune,
                  "Resource types whose live objects that the config does not declare are "
                  "deleted by apply: tenants, roles, permissions, flows (the singular is "
                  "accepted too, as with --prune).",
                  false, "[]"},
                 {"backups", &backups, "Where apply keeps its automatic backups, and how many.",
                  false, "{dir: .descope-mgmt/backups, keep: 10}"},
                 {"files_outside_config", &files_outside,
                  "Whether flow and theme files may be outside the config file's folder (an "
                  "absolute path, '..', or a symbolic link that leads out): refuse (the default) "
                  "makes such a path an error; allow reads and writes it.",
                  false, "refuse"}},
        .nullable = true};

    static const TypeDef environment{
        .kind = K::object,
        .title = "an environment",
        .noun = "environment",
        .description = "One Descope project.",
        .def_name = "environment",
        .keys = {{"project_id", &project_id, "The Descope project id.", false,
                  "${DESCOPE_<ENV>_PROJECT_ID}"},
                 {"management_key", &management_key,
                  "The project's management key. Write it as a ${VAR} reference, never "
                  "literally.",
                  false, "${DESCOPE_<ENV>_MANAGEMENT_KEY}"},
                 {"protected", &boolean,
                  "apply asks the user to type the environment's name before changing it.", false,
                  "false"},
                 {"project_name", &name, "The project's name, managed when set.", false,
                  "not managed"},
                 {"base_url", &base_url,
                  "API base URL. DESCOPE_BASE_URL in the process environment overrides it.", false,
                  "derived from the project id"},
                 {"rate_limit", &rate_limit, "This environment's rate limit.", false,
                  "defaults.rate_limit"}},
        .nullable = true};
    static const TypeDef environments{
        .kind = K::map,
        .title = "a mapping of environment names to environments",
        .noun = "environments",
        .description = "The environments (one Descope project each), by name.",
        .element = &environment,
        .key_pattern = "^(?!all$)[a-z][a-z0-9_-]*$",
        .key_check = check_environment_name,
        .key_noun = "environment name",
        .non_empty = true,
        .example = "{dev: {}, prod: {protected: true}}"};

    // terraform-provider-descope: internal/models/project/authorization/permission.go.
    static const TypeDef permission_name{
        .kind = K::string,
        .title = "a permission name",
        .noun = "permission name",
        .max_length = 100,
        .max_length_source =
            "terraform-provider-descope: internal/models/project/authorization/permission.go",
        .non_empty = true};
    // `overrides:` of every resource type: a mapping of environment names to one type's
    // override (the override's keys are the fields that may differ per environment).
    static const char* const kOverridesTitle = "a mapping of environment names to overrides";
    static const char* const kOverridesDescription =
        "Per-environment field overrides, by environment name.";
    static const char* const kEnvNamePattern = "^(?!all$)[a-z][a-z0-9_-]*$";
    static const char* const kReplacesHere = "Replaces the value in this environment.";
    static const TypeDef permission_override{
        .kind = K::object,
        .title = "a permission override",
        .noun = "permission override",
        .description = "Permission fields that differ in one environment.",
        .def_name = "permissionOverride",
        .keys = {{"description", &description, kReplacesHere}}};
    static const TypeDef permission_overrides{.kind = K::map,
                                              .title = kOverridesTitle,
                                              .noun = "overrides",
                                              .description = kOverridesDescription,
                                              .element = &permission_override,
                                              .key_pattern = kEnvNamePattern,
                                              .key_check = check_environment_name,
                                              .key_noun = "environment name",
                                              .example = "{prod: {description: Read all}}"};
    static const TypeDef permission{
        .kind = K::object,
        .title = "a permission",
        .noun = "permission",
        .def_name = "permission",
        .keys = {
            {"name", &permission_name, "Permission name (unique; at most 100 characters).", true},
            {"description", &description, "Description (at most 254 characters).", false, "\"\""},
            {"environments", &env_selection, env_selection.description, false, "every environment"},
            {"overrides", &permission_overrides, kOverridesDescription, false, "{}"}}};
    // terraform-provider-descope internal/models/authorization/role.go: at most 100.
    static const TypeDef role_name{
        .kind = K::string,
        .title = "a role name",
        .noun = "role name",
        .max_length = 100,
        .max_length_source = "terraform-provider-descope: internal/models/authorization/role.go",
        .non_empty = true};
    static const char* const kKeptWhenOmitted = "not managed (the live value is kept)";
    static const TypeDef role_override{
        .kind = K::object,
        .title = "a role override",
        .noun = "role override",
        .description =
            "Role fields that differ in one environment; each replaces the whole field (lists "
            "are not merged). default and private set here are managed in this environment.",
        .def_name = "roleOverride",
        .keys = {{"description", &description, kReplacesHere},
                 {"permissions", &names, kReplacesHere},
                 {"default", &boolean, kReplacesHere},
                 {"private", &boolean, kReplacesHere}}};
    static const TypeDef role_overrides{.kind = K::map,
                                        .title = kOverridesTitle,
                                        .noun = "overrides",
                                        .description = kOverridesDescription,
                                        .element = &role_override,
                                        .key_pattern = kEnvNamePattern,
                                        .key_check = check_environment_name,
                                        .key_noun = "environment name",
                                        .example = "{prod: {permissions: [projects.read]}}"};
    static const TypeDef role{
        .kind = K::object,
        .title = "a role",
        .noun = "role",
        .def_name = "role",
        .keys = {
            {"name", &role_name,
             "Role name (unique per tenant, or among project roles; at most 100 characters).",
             true},
            {"description", &description, "Description (at most 254 characters).", false, "\"\""},
            {"tenant", &identifier, "Id of a declared tenant: makes this a tenant-scoped role.",
             false, "project-scoped"},
            {"permissions", &names,
             "Names of declared permissions, or of Descope's built-in ones (SSO Admin, User "
             "Admin, Impersonate).",
             false, "[]"},
            {"default", &boolean, "Descope's 'default' flag of the role.", false, kKeptWhenOmitted},
            {"private", &boolean, "Descope's 'private' flag of the role.", false, kKeptWhenOmitted},
            {"environments", &env_selection, env_selection.description, false, "every environment"},
            {"overrides", &role_overrides, kOverridesDescription, false, "{}"}}};

    static const TypeDef session_settings{
        .kind = K::object,
        .title = "session settings",
        .noun = "session settings",
        .description = "The tenant's session settings; omitted: not managed.",
        .def_name = "sessionSettings",
        .keys = {{"refresh_token_expiration", &token_lifetime,
                  "Refresh token lifetime; at least 3 minutes.", false, "project setting"},
                 {"session_token_expiration", &token_lifetime,
                  "Session token lifetime; at least 3 minutes and not longer than the refresh "
                  "token's.",
                  false, "project setting"},
                 {"stepup_token_expiration", &duration, "Step-up token lifetime.", false,
                  "project setting"},
                 {"inactivity_timeout", &inactivity,
                  "Log out after this much inactivity (at least 10 minutes); present = "
                  "inactivity timeout enabled.",
                  false, "disabled"},
                 {"jit_disabled", &boolean, "Disable just-in-time user provisioning (SSO).", false,
                  "false"}}};
    static const TypeDef role_inheritance{.kind = K::string,
                                          .title = "a role inheritance mode",
                                          .noun = "role inheritance",
                                          .allowed = {"none", "user_only"}};
    static const TypeDef user_id{.kind = K::string,
                                 .title = "a user id",
                                 .noun = "user id",
                                 .pattern = "^\\S+$",
                                 .check = check_identifier,
                                 .max_length = kMaxIdLength,
                                 .non_empty = true};
    static const TypeDef user_ids{.kind = K::list,
                                  .title = "a list of user ids",
                                  .noun = "user id list",
                                  .element = &user_id,
                                  .unique_items = true,
                                  .example = "[U2abc, U2def]"};
    static const TypeDef app_id{.kind = K::string,
                                .title = "an application id",
                                .noun = "application id",
                                .pattern = "^\\S+$",
                                .check = check_identifier,
                                .max_length = kMaxIdLength,
                                .non_empty = true};
    static const TypeDef app_ids{.kind = K::list,
                                 .title = "a list of application ids",
                                 .noun = "application id list",
                                 .element = &app_id,
                                 .unique_items = true,
                                 .example = "[app1]"};
    static const char* const kRoleInheritance =
        "Descope's role inheritance setting of the tenant (for its sub-tenants): none or "
        "user_only (sent as userOnly).";
    static const char* const kSsoExclusions =
        "Ids of users who may sign in without SSO although enforce_sso is on.";
    static const char* const kFederatedApps = "Ids of the federated applications of the tenant.";
    static const char* const kOverrideNote = "Replaces the tenant's value in this environment.";
    static const TypeDef tenant_override{
        .kind = K::object,
        .title = "a tenant override",
        .noun = "tenant override",
        .description =
            "Tenant fields that differ in one environment; each replaces the whole "
            "field (lists and mappings are not merged).",
        .def_name = "tenantOverride",
        .keys = {{"name", &name, kOverrideNote},
                 {"self_provisioning_domains", &domains, kOverrideNote},
                 {"custom_attributes", &custom_attributes, kOverrideNote},
                 {"enforce_sso", &boolean, kOverrideNote},
                 {"disabled", &boolean, kOverrideNote},
                 {"default_roles", &names, kOverrideNote},
                 {"session_settings", &session_settings, kOverrideNote},
                 {"role_inheritance", &role_inheritance, kOverrideNote},
                 {"enforce_sso_exclusions", &user_ids, kOverrideNote},
                 {"federated_app_ids", &app_ids, kOverrideNote}}};
    static const TypeDef overrides{.kind = K::map,
                                   .title = kOverridesTitle,
                                   .noun = "overrides",
                                   .description = kOverridesDescription,
                                   .element = &tenant_override,
                                   .key_pattern = kEnvNamePattern,
                                   .key_check = check_environment_name,
                                   .key_noun = "environment name",
                                   .example = "{prod: {name: Acme Corporation}}"};
    static const TypeDef tenant{
        .kind = K::object,
        .title = "a tenant",
        .noun = "tenant",
        .def_name = "tenant",
        .keys = {
            {"id", &identifier, "Tenant id (unique; cannot change after creation).", true},
            {"name", &name, "Tenant name (unique in a project).", true},
            {"self_provisioning_domains", &domains,
             "Users signing up with these e-mail domains join the tenant.", false, "[]"},
            {"custom_attributes", &custom_attributes, custom_attributes.description, false, "{}"},
            {"enforce_sso", &boolean, "Users must sign in with the tenant's SSO.", false, "false"},
            {"disabled", &boolean, "Disable the tenant.", false, "false"},
            {"parent", &identifier, "Id of the declared parent tenant (set at creation only).",
             false, "top-level"},
            {"default_roles", &names,
             "Roles given to new users of the tenant: project roles (Descope's built-in Tenant "
             "Admin included) or this tenant's roles.",
             false, "[]"},
            {"session_settings", &session_settings, session_settings.description, false,
             "not managed"},
            {"role_inheritance", &role_inheritance, kRoleInheritance, false, kKeptWhenOmitted},
            {"enforce_sso_exclusions", &user_ids, kSsoExclusions, false, kKeptWhenOmitted},
            {"federated_app_ids", &app_ids, kFederatedApps, false, kKeptWhenOmitted},
            {"environments", &env_selection, env_selection.description, false, "every environment"},
            {"overrides", &overrides, overrides.description, false, "{}"}}};

    static const TypeDef flow_type{
        .kind = K::string,
        .title = "a flow type",
        .noun = "flow type",
        .allowed = {"sign-up-or-in", "sign-up", "sign-in", "step-up", "update-user", "custom"}};
    static const TypeDef file{.kind = K::string,
                              .title = "a file path",
                              .noun = "file path",
                              .max_length = kMaxPathLength,
                              .non_empty = true};
    static const TypeDef flow_override{
        .kind = K::object,
        .title = "a flow override",
        .noun = "flow override",
        .description = "The flow's file in one environment.",
        .def_name = "flowOverride",
        .keys = {{"file", &file,
                  "The flow's JSON export in this environment, relative to the config file's "
                  "folder; read and checked as the main file.",
                  true}}};
    static const TypeDef flow_overrides{.kind = K::map,
                                        .title = kOverridesTitle,
                                        .noun = "overrides",
                                        .description = kOverridesDescription,
                                        .element = &flow_override,
                                        .key_pattern = kEnvNamePattern,
                                        .key_check = check_environment_name,
                                        .key_noun = "environment name",
                                        .example = "{prod: {file: flows/prod/sign-in.json}}"};
    static const TypeDef flow{
        .kind = K::object,
        .title = "a flow",
        .noun = "flow",
        .def_name = "flow",
        .keys = {
            {"id", &identifier, "Flow id (unique), e.g. sign-up-or-in.", true},
            {"type", &flow_type, "What the flow is for (documentation only).", false},
            {"file", &file,
             "The flow's JSON export ({\"flow\": ..., \"screens\": [...]}), relative to "
             "the config file's folder.",
             true},
            {"environments", &env_selection, env_selection.description, false, "every environment"},
            {"overrides", &flow_overrides, kOverridesDescription, false, "{}"}}};
    static const TypeDef theme_override{
        .kind = K::object,
        .title = "a theme override",
        .noun = "theme override",
        .description = "The theme's file in one environment.",
        .def_name = "themeOverride",
        .keys = {{"file", &file,
                  "The theme's JSON export in this environment, relative to the config file's "
                  "folder; read and checked as the main file.",
                  true}}};
    static const TypeDef theme_overrides{.kind = K::map,
                                         .title = kOverridesTitle,
                                         .noun = "overrides",
                                         .description = kOverridesDescription,
                                         .element = &theme_override,
                                         .key_pattern = kEnvNamePattern,
                                         .key_check = check_environment_name,
                                         .key_noun = "environment name",
                                         .example = "{prod: {file: themes/prod/theme.json}}"};
    static const TypeDef theme{
        .kind = K::object,
        .title = "a theme",
        .noun = "theme",
        .description = "The project theme; omitted: not managed.",
        .def_name = "theme",
        .keys = {{"file", &file,
                  "The theme's JSON export ({\"theme\": {...}}), relative to the config "
                  "file's folder.",
                  true},
                 {"overrides", &theme_overrides, kOverridesDescription, false, "{}"}}};

    static const TypeDef permissions{.kind = K::list,
                                     .title = "a list of permissions",
                                     .noun = "list",
                                     .element = &permission,
                                     .nullable = true};
    static const TypeDef roles{.kind = K::list,
                               .title = "a list of roles",
                               .noun = "list",
                               .element = &role,
                               .nullable = true};
    static const TypeDef tenants{.kind = K::list,
                                 .title = "a list of tenants",
                                 .noun = "list",
                                 .element = &tenant,
                                 .nullable = true};
    static const TypeDef flows{.kind = K::list,
                               .title = "a list of flows",
                               .noun = "list",
                               .element = &flow,
                               .nullable = true};

    static const TypeDef root{
        .kind = K::object,
        .title = "the config",
        .noun = "config",
        .description = "descope-mgmt config: Descope projects as code (docs/config.md).",
        .keys = {{"version", &version, "Config format version: 1.", true},
                 {"defaults", &defaults, defaults.description},
                 {"environments", &environments, environments.description, true},
                 {"permissions", &permissions, "Permissions (project-wide).", false, "[]"},
                 {"roles", &roles, "Roles, project-scoped or tenant-scoped.", false, "[]"},
                 {"tenants", &tenants, "Tenants.", false, "[]"},
                 {"flows", &flows, "Flows, each kept in a JSON file.", false, "[]"},
                 {"theme", &theme, theme.description, false, "not managed"}}};
    return root;
}

}  // namespace descope_mgmt::config
