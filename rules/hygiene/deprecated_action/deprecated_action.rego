# METADATA
# title: Statement names a deprecated API
# description: >-
#   An Action or NotAction names, without wildcards, an API that Alibaba
#   Cloud's SDK marks deprecated (the catalogue records it: `rampart
#   catalog acs ecs` lists them). Most are the VPC, EIP, NAT and router
#   APIs that once lived under ECS and now belong to VPC: a policy that
#   names ecs:CreateVpc does not name vpc:CreateVpc, the action the
#   current API is authorized as. When the VPC action exists and the
#   statement does not name it, the finding is a warning; when the
#   statement names both, or no successor is known, it is a note. Only
#   the acs catalogue records deprecation today; the AWS and JD Cloud
#   data does not say.
# related_resources:
#   - ref: https://help.aliyun.com/en/ram/policy-elements
# custom:
#   id: HYG004
#   name: deprecated-action
#   severity: warning
#   dialects: [acs]
#   rationale: >-
#     A grant of a deprecated API keeps working for old clients only;
#     tools built on a current SDK call the new API and are refused, and
#     someone widens the policy to "vpc:*" under pressure. A Deny that
#     names only the old action stops blocking the moment clients move
#     to the new API. Either way the policy reads as if it covered
#     something it does not.
#   remediation: >-
#     Name the current action (vpc:CreateVpc for ecs:CreateVpc), and drop
#     the deprecated one once no client calls it.
package rampart.rules.hygiene.deprecated_action

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	some a in s.action.values
	deprecated_services[a.service]
	f := check(s, s.action.values, a)
}

deny contains f if {
	some s in input.statements
	some a in s.not_action.values
	deprecated_services[a.service]
	f := check(s, s.not_action.values, a)
}

# check is the finding for an action value the catalogue marks deprecated.
check(s, values, a) := finding(s, values, a, info) if {
	not a.wildcard
	deprecated_names[lower(a.value)]
	info := rampart.action(input.dialect, a.value)
	info != null
	info.deprecated
}

# finding says what the statement misses: the successor it does not name
# (a warning), or only that the name is deprecated (a note).
finding(s, values, a, info) := result.finding(msg, a.pointer) if {
	next := successor(info)
	not names(values, next)
	msg := sprintf("%s names %s, an API Alibaba Cloud marks deprecated; the current API is authorized as %s, which this statement does not name", [iam.label(s), a.value, next])
} else := result.softer(result.finding(msg, a.pointer), "info") if {
	next := successor(info)
	msg := sprintf("%s names %s, an API Alibaba Cloud marks deprecated, beside %s, which replaces it; drop the old name once no client calls it", [iam.label(s), a.value, next])
} else := result.softer(result.finding(msg, a.pointer), "info") if {
	msg := sprintf("%s names %s, an API Alibaba Cloud marks deprecated; check that the statement still covers the API its clients call", [iam.label(s), a.value])
}

# successor is the VPC action of the same name for an ECS API that moved
# to VPC, when the catalogue has it and does not mark it deprecated.
successor(info) := next if {
	info.service == "ecs"
	next := concat(":", ["vpc", info.name])
	other := rampart.action(input.dialect, next)
	other != null
	not other.deprecated
}

# names holds when one of the values matches the action name.
names(values, name) if {
	some v in values
	iam.action_matches(v.value, name)
}

# deprecated_services and deprecated_names index the actions the acs
# catalogue marks deprecated (lower-cased), so that the rule calls the
# catalogue only for those. A test checks them against the catalogue both
# ways; regenerate them when it changes.
deprecated_services := {"ecs", "rds", "slb", "vpc"}

deprecated_names := {
	"ecs:activaterouterinterface",
	"ecs:addbandwidthpackageips",
	"ecs:addtags",
	"ecs:allocateeipaddress",
	"ecs:associateeipaddress",
	"ecs:associatehavip",
	"ecs:cancelphysicalconnection",
	"ecs:connectrouterinterface",
	"ecs:createforwardentry",
	"ecs:createhavip",
	"ecs:createnatgateway",
	"ecs:createphysicalconnection",
	"ecs:createrouteentry",
	"ecs:createrouterinterface",
	"ecs:createvirtualborderrouter",
	"ecs:createvpc",
	"ecs:createvswitch",
	"ecs:deactivaterouterinterface",
	"ecs:deleteforwardentry",
	"ecs:deletehavip",
	"ecs:deletenatgateway",
	"ecs:deletenetworkinterfacepermission",
	"ecs:deletephysicalconnection",
	"ecs:deleterouteentry",
	"ecs:deleterouterinterface",
	"ecs:deletevirtualborderrouter",
	"ecs:deletevpc",
	"ecs:deletevswitch",
	"ecs:describeaccesspoints",
	"ecs:describeclusters",
	"ecs:describeeipaddresses",
	"ecs:describeeipmonitordata",
	"ecs:describeforwardtableentries",
	"ecs:describehavips",
	"ecs:describelimitation",
	"ecs:describenatgateways",
	"ecs:describenewprojecteipmonitordata",
	"ecs:describephysicalconnections",
	"ecs:describeresourcebytags",
	"ecs:describerouterinterfaces",
	"ecs:describeroutetables",
	"ecs:describetags",
	"ecs:describeuserbusinessbehavior",
	"ecs:describevirtualborderrouters",
	"ecs:describevirtualborderroutersforphysicalconnection",
	"ecs:describevpcs",
	"ecs:describevrouters",
	"ecs:describevswitches",
	"ecs:enablephysicalconnection",
	"ecs:exportsnapshot",
	"ecs:modifybandwidthpackagespec",
	"ecs:modifyeipaddressattribute",
	"ecs:modifyforwardentry",
	"ecs:modifyhavipattribute",
	"ecs:modifyimagesharegrouppermission",
	"ecs:modifyphysicalconnectionattribute",
	"ecs:modifyrouterinterfaceattribute",
	"ecs:modifyrouterinterfacespec",
	"ecs:modifyuserbusinessbehavior",
	"ecs:modifyvirtualborderrouterattribute",
	"ecs:modifyvpcattribute",
	"ecs:modifyvrouterattribute",
	"ecs:modifyvswitchattribute",
	"ecs:recovervirtualborderrouter",
	"ecs:releaseeipaddress",
	"ecs:releasepublicipaddress",
	"ecs:removetags",
	"ecs:terminatephysicalconnection",
	"ecs:terminatevirtualborderrouter",
	"ecs:unassociateeipaddress",
	"ecs:unassociatehavip",
	"rds:describedbinstancepromoteactivity",
	"rds:describedbinstancesascsv",
	"rds:describedbinstancesforclone",
	"rds:describerdsresourcesettings",
	"slb:modifyloadbalancerpaytype",
	"vpc:addipv6translatoracllistentry",
	"vpc:allocateeipsegmentaddress",
	"vpc:createglobalaccelerationinstance",
	"vpc:createipv6translator",
	"vpc:createipv6translatoracllist",
	"vpc:createipv6translatorentry",
	"vpc:deleteipv6translatoracllist",
	"vpc:deleteipv6translatorentry",
	"vpc:describeipv6translatoracllists",
	"vpc:describeipv6translatorentries",
	"vpc:describeipv6translators",
	"vpc:describeroutetables",
	"vpc:disablevpcclassiclink",
	"vpc:enablevpcclassiclink",
	"vpc:modifyipv6translatoraclattribute",
	"vpc:modifyipv6translatorentry",
	"vpc:updatenatgatewaynattype",
}
