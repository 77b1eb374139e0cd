package seed

// This file holds the ESCO part of the fixture. The values are ESCO v1.1.1
// (English) exactly as "onework import esco" writes them, so that loading the
// fixture after a full ESCO import changes nothing, and the other way round.
// The SOC codes are those "onework import soc" derives from the crosswalk.

import "github.com/onework/onework/workforce"

// ESCO v1.1.1 occupations used by the fixture.
const (
	OccHealthcareAssistant = "http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082"
	OccNurse               = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
	OccHomeCareAide        = "http://data.europa.eu/esco/occupation/1391bdf9-bd61-4fb5-91ca-c29036ab2b60"
	OccSalesAssistant      = "http://data.europa.eu/esco/occupation/9ba74e8a-c40c-4228-9998-eb3c7a5c11df"
	OccKitchenAssistant    = "http://data.europa.eu/esco/occupation/e1cf6897-158d-4b48-a39e-2a3a8cac216c"
	OccMedicalAdmin        = "http://data.europa.eu/esco/occupation/045f05f2-4ff8-46b2-9d08-e12a81657498"
)

// ESCO v1.1.1 skills used by the fixture.
const (
	SkillListenActively                            = "http://data.europa.eu/esco/skill/a17286c5-238d-4f0b-bc24-29e9121345de" // listen actively
	SkillApplyOrganisationalTechniques             = "http://data.europa.eu/esco/skill/d3eccb86-f02d-4950-bfbd-20b9510774a1" // apply organisational techniques
	SkillComplyWithLegislationRelatedToHealthCare  = "http://data.europa.eu/esco/skill/9fcf9918-fdef-49c3-aedc-518eb1e7e1f5" // comply with legislation related to health care
	SkillWorkInMultidisciplinaryHealthTeams        = "http://data.europa.eu/esco/skill/eba85523-6ad2-4cd9-9b27-a0b6a39b8cfa" // work in multidisciplinary health teams
	SkillDisabilityCare                            = "http://data.europa.eu/esco/skill/54411e8e-d62f-46d8-b87b-fce23f8e3bc8" // disability care
	SkillOlderAdultsNeeds                          = "http://data.europa.eu/esco/skill/634865e0-2ec2-4b7f-bb7f-c196637f0f7b" // older adults' needs
	SkillUseFoodPreparationTechniques              = "http://data.europa.eu/esco/skill/4b15a965-9bb4-42f1-8e44-1024aeb0b08c" // use food preparation techniques
	SkillCleanSurfaces                             = "http://data.europa.eu/esco/skill/6ff01827-907d-43d8-b6e4-7162c1cf0aca" // clean surfaces
	SkillEmpathiseWithTheHealthcareUser            = "http://data.europa.eu/esco/skill/2475cd27-8d6c-4318-a364-21395b23acba" // empathise with the healthcare user
	SkillInteractWithHealthcareUsers               = "http://data.europa.eu/esco/skill/c65aa043-98da-4136-9877-494e72d9e4cf" // interact with healthcare users
	SkillEnsureSafetyOfHealthcareUsers             = "http://data.europa.eu/esco/skill/ce0d6a42-59c1-433e-ab62-adfc969c46bb" // ensure safety of healthcare users
	SkillHaveComputerLiteracy                      = "http://data.europa.eu/esco/skill/d15ce60f-ddab-41ce-ba56-398451b77b60" // have computer literacy
	SkillMonitorStockLevel                         = "http://data.europa.eu/esco/skill/44f6a65f-6be7-4818-9a66-73908797283f" // monitor stock level
	SkillAdministrativeTasksInAMedicalEnvironment  = "http://data.europa.eu/esco/skill/49ef9f4c-3577-4780-ba2f-d068d1cde7bb" // administrative tasks in a medical environment
	SkillMaintainHealthcareUserDataConfidentiality = "http://data.europa.eu/esco/skill/51ece34f-c24e-4183-9bf4-9b6f28748aec" // maintain healthcare user data confidentiality
	SkillCommunicateByTelephone                    = "http://data.europa.eu/esco/skill/de2f0ce8-f8d6-48c5-a213-4d065251cecf" // communicate by telephone
	SkillUseCommunicationTechniques                = "http://data.europa.eu/esco/skill/7ff2c668-0e86-418a-a962-4958262ee337" // use communication techniques
	SkillTendToElderlyPeople                       = "http://data.europa.eu/esco/skill/261e740b-d32d-4356-94a8-3ea29128b70b" // tend to elderly people
	SkillSupportSocialServiceUsersToLiveAtHome     = "http://data.europa.eu/esco/skill/941438bd-cc03-4326-91bf-677157dca170" // support social service users to live at home
	SkillInfectionControl                          = "http://data.europa.eu/esco/skill/6d13053b-ee35-492c-8976-8178420df398" // infection control
	SkillImplementFundamentalsOfNursing            = "http://data.europa.eu/esco/skill/516e324b-03fc-4d3b-9986-e46e9834cd43" // implement fundamentals of nursing
	SkillProvideBasicSupportToPatients             = "http://data.europa.eu/esco/skill/24f980ba-b44f-4739-b563-205104c3190d" // provide basic support to patients
	SkillMonitorBasicPatientsSigns                 = "http://data.europa.eu/esco/skill/d3b74d50-7fc9-4051-9335-58d129a4a064" // monitor basic patients signs
	SkillOperateCashPoint                          = "http://data.europa.eu/esco/skill/279101c1-e325-4349-bf58-401b6c8ff208" // operate cash point
	SkillIdentifyCustomerSNeeds                    = "http://data.europa.eu/esco/skill/68698869-c13c-4563-adc7-118b7644f45d" // identify customer's needs
	SkillComplyWithFoodSafetyAndHygiene            = "http://data.europa.eu/esco/skill/0ff99f51-40d9-42f1-a1ec-377b2bb5e15f" // comply with food safety and hygiene
	SkillMaintainCustomerService                   = "http://data.europa.eu/esco/skill/75dfe1ee-5935-42ce-b820-697f827825c3" // maintain customer service
	SkillFirstAid                                  = "http://data.europa.eu/esco/skill/f7464f30-662b-4177-85a0-3df9693e9e58" // first aid
)

func fixtureOccupations() []*workforce.Occupation {
	return []*workforce.Occupation{
		{
			ID:          OccHealthcareAssistant,
			Label:       "healthcare assistant",
			AltLabels:   []string{"resident care assistant", "assistant healthcarer", "resident healthcare assistant", "elderly care assistant", "primary healthcare assistant", "maternity care assistant", "healthcare assistant", "health care assistant", "patient care assistant"},
			Description: "Healthcare assistants work in teams of nurses within the occupational fields of nursing, social care, clinical care and care of people of all age-groups. Healthcare assistants assist in the promotion and restoration of patients' health by providing physical and psychological support to patients, friends and families.",
			Code:        "5321.1", ISCOGroup: "5321", SOCCode: "6131",
		},
		{
			ID:          OccNurse,
			Label:       "nurse responsible for general care",
			AltLabels:   []string{"practice nurse", "learning disability nurse", "community staff nurse", "healthcarer", "adult nurse", "children's nurse", "mental health nurse", "district nurse", "children's community nurse", "ward nurse", "nurse responsible for general care", "healthcare nurse", "ward sister"},
			Description: "Nurses responsible for general care are in charge of promoting and restoring patients` health by providing physical and psychological support to patients, friends, and families. They also supervise assigned team members.",
			Code:        "2221.2", ISCOGroup: "2221", SOCCode: "",
		},
		{
			ID:          OccHomeCareAide,
			Label:       "home care aide",
			AltLabels:   []string{"live in caregiver", "personal care worker", "personal care provider", "live in caretaker", "elderly people assistant", "personal care attendant", "home care aide"},
			Description: "Home care aides provide personal assistance and promote autonomy, on a daily basis to individuals who are unable to take care of themselves due to illness, ageing or disability. They assist them with personal hygiene, feeding, communication or medication according to the health care professional's instructions.",
			Code:        "5322.1", ISCOGroup: "5322", SOCCode: "",
		},
		{
			ID:          OccSalesAssistant,
			Label:       "sales assistant",
			AltLabels:   []string{"senior sales assistant", "supermarket sales assistant", "counter assistant", "sales assistant", "seller", "department store sales assistant", "trainee sales assistant", "saleswoman", "garden centre sales assistant", "filling station sales assistant", "outlet centre sales assistant", "hypermarket sales assistant"},
			Description: "Sales assistants represent the direct contact with clients. They provide general advice to customers.",
			Code:        "5223.4", ISCOGroup: "5223", SOCCode: "7111",
		},
		{
			ID:          OccKitchenAssistant,
			Label:       "kitchen assistant",
			AltLabels:   []string{"kitchen worker", "kitchen trainee", "kitchen boy", "catering assistant", "spare hand", "catering trainee", "kitchen assistant", "roundsman"},
			Description: "Kitchen assistants assist in the preparation of food and cleaning of the kitchen area.",
			Code:        "9412.1", ISCOGroup: "9412", SOCCode: "9263",
		},
		{
			ID:          OccMedicalAdmin,
			Label:       "medical administrative assistant",
			AltLabels:   []string{"medical administrative assistant", "health services administrative assistant", "medical institution administrative assistant", "PA", "medical institution personal assistant", "secretary in medical institution", "healthcare assistant", "medical assistant", "healthcare secretary", "personal assistant", "medical PA", "medical receptionist", "administrative assistant in medical institution"},
			Description: "Medical administrative assistants work very closely with health professionals. They provide office support such as correspondence, fixing appointments and answering queries of patients.",
			Code:        "3344.1", ISCOGroup: "3344", SOCCode: "",
		},
	}
}

func fixtureSkills() []*workforce.Skill {
	return []*workforce.Skill{
		{
			ID:          SkillListenActively,
			Label:       "listen actively",
			AltLabels:   []string{"maintain active listening", "apply active listening techniques", "use active listening techniques", "listen actively", "active listening", "listen with attentive participation"},
			Description: "Give attention to what other people say, patiently understand points being made, asking questions as appropriate, and not interrupting at inappropriate times; able to listen carefully the needs of customers, clients, passengers, service users or others, and provide solutions accordingly.",
			Type:        "skill/competence", ReuseLevel: "cross-sector",
		},
		{
			ID:          SkillApplyOrganisationalTechniques,
			Label:       "apply organisational techniques",
			AltLabels:   []string{"apply organizational  techniques", "apply an organisational technique", "applying organisational techniques", "organisational techniques application", "utilise organisational techniques", "administer organisational techniques", "employ organisational techniques", "implement organisational techniques"},
			Description: "Employ a set of organisational techniques and procedures which facilitate the achievement of the set goals set such as detailed planning of personnel's schedules. Use these resources efficiently and sustainably, and show flexibility when required.",
			Type:        "skill/competence", ReuseLevel: "cross-sector",
		},
		{
			ID:          SkillComplyWithLegislationRelatedToHealthCare,
			Label:       "comply with legislation related to health care",
			AltLabels:   []string{"comply with health care laws and regulations", "comply with health care legislation", "comply with legislation related to health care", "adhere to legislation related to health care", "obey legislation related to health care", "comply with legislation related to healthcare", "comply with legislation related to health-care"},
			Description: "Comply with the regional and national health legislation which regulates relations between suppliers, payers, vendors of the healthcare industry and patients, and the delivery of healthcare services.",
			Type:        "skill/competence", ReuseLevel: "cross-sector",
		},
		{
			ID:          SkillWorkInMultidisciplinaryHealthTeams,
			Label:       "work in multidisciplinary health teams",
			AltLabels:   []string{"work in multi-disciplinary health teams", "work in multidisciplinary health teams", "cooperate with multidisciplinary health teams", "work in multidisciplinary health team", "participate in multidisciplinary health care provision", "work in multidisciplinary health-teams"},
			Description: "Participate in the delivery of multidisciplinary health care, and understand the rules and competences of other healthcare related professions.",
			Type:        "skill/competence", ReuseLevel: "sector-specific",
		},
		{
			ID:          SkillDisabilityCare,
			Label:       "disability care",
			AltLabels:   []string{"disability care", "disability assistance", "disability assistances", "disability support", "disability health care"},
			Description: "The specific methods and practices used in providing care to people with physical, intellectual and learning disabilities.",
			Type:        "knowledge", ReuseLevel: "sector-specific",
		},
		{
			ID:          SkillOlderAdultsNeeds,
			Label:       "older adults' needs",
			AltLabels:   []string{"older adults' needs", "older adult's needs", "elderly people's needs", "needs of elderly patients"},
			Description: "The physical, mental, and social needs of frail, older adults.",
			Type:        "knowledge", ReuseLevel: "cross-sector",
		},
		{
			ID:          SkillUseFoodPreparationTechniques,
			Label:       "use food preparation techniques",
			AltLabels:   []string{"use techniques for food preparation", "use techniques for the preparation of food", "use food preparation techniques", "select different methods for food preparation", "choose different methods for the preparation of food"},
			Description: "Apply food preparation techniques including the selecting, washing, cooling, peeling, marinating, preparing of dressings and cutting of ingredients.",
			Type:        "skill/competence", ReuseLevel: "sector-specific",
		},
		{
			ID:          SkillCleanSurfaces,
			Label:       "clean surfaces",
			AltLabels:   []string{"clean the surfaces", "clean walls", "clean tables", "clean worktops", "clean floors", "clean surface", "clear tables", "clean surfaces"},
			Description: "Disinfect surfaces in accordance with sanitary standards.",
			Type:        "skill/competence", ReuseLevel: "cross-sector",
		},
		{
			ID:          SkillEmpathiseWithTheHealthcareUser,
			Label:       "empathise with the healthcare user",
			AltLabels:   []string{"empathise with patients", "empathise with the health-care user", "be understanding of the patient", "sympathise with the healthcare user", "be understanding of the health-care user", "sympathise with the patient", "empathize  with the healthcare user", "empathise with healthcare users"},
			Description: "Understand the background of clients` and patients’ symptoms, difficulties and behaviour. Be empathetic about their issues; showing respect and reinforcing their autonomy, self-esteem and independence. Demonstrate a concern for their welfare and handle according to the personal boundaries, sensitivities, cultural differences and preferences of the client and patient in mind.",
			Type:        "skill/competence", ReuseLevel: "cross-sector",
		},
		{
			ID:          SkillInteractWithHealthcareUsers,
			Label:       "interact with healthcare users",
			AltLabels:   []string{"communicate with patients and their carers", "interact with healthcare users", "communicate with healthcare users", "correspond with healthcare users", "cooperate with patient and his carers", "collaborate with patient and his carer", "get to know patient and his carer", "interact with patients and their carers", "interact with patients and their families", "communicate with clients and their families", "communicate with clients and their carers", "talk to patient and his carer", "interact with healthcare user"},
			Description: "Communicate with clients and their carer’s, with the patient’s permission, to keep them informed about the clients’ and patients’ progress and safeguarding confidentiality.",
			Type:        "skill/competence", ReuseLevel: "cross-sector",
		},
		{
			ID:          SkillEnsureSafetyOfHealthcareUsers,
			Label:       "ensure safety of healthcare users",
			AltLabels:   []string{"ensure safety of health care users", "maintain health care user's safety", "maintain healthcare user safety", "ensure safety of healthcare users", "ensure safety of a health care user", "ensure safety of a healthcare user", "provide a safe environment for health care users"},
			Description: "Make sure that healthcare users are being treated professionally, effectively and safe from harm, adapting techniques and procedures according to the person's needs, abilities or the prevailing conditions.",
			Type:        "skill/competence", ReuseLevel: "sector-specific",
		},
		{
			ID:          SkillHaveComputerLiteracy,
			Label:       "have computer literacy",
			AltLabels:   []string{"have good computer literacy", "demonstrate computer literacy", "computer literacy", "have computer literacy", "be computer-literate"},
			Description: "Utilise computers, IT equipment and modern day technology in an efficient way.",
			Type:        "skill/competence", ReuseLevel: "cross-sector",
		},
		{
			ID:          SkillMonitorStockLevel,
			Label:       "monitor stock level",
			AltLabels:   []string{"stock level monitoring", "monitor stock level", "monitor stock levels", "oversee stock level", "watch stock level", "monitoring stock level", "supervise stock level", "view stock level"},
			Description: "Evaluate how much stock is used and determine what should be ordered.",
			Type:        "skill/competence", ReuseLevel: "sector-specific",
		},
		{
			ID:          SkillAdministrativeTasksInAMedicalEnvironment,
			Label:       "administrative tasks in a medical environment",
			AltLabels:   []string{"administrative tasks in a medical environment", "administrative task in medical environment", "administative duties in medical environment", "medical environment administrative tasks", "administrative tasks in medical environment", "administrative tasks of a medical practice", "administration tasks related to the medical environment"},
			Description: "The medical administrative tasks such as registration of patients, appointment systems, record keeping of patients information and repeated precribing.",
			Type:        "knowledge", ReuseLevel: "sector-specific",
		},
		{
			ID:          SkillMaintainHealthcareUserDataConfidentiality,
			Label:       "maintain healthcare user data confidentiality",
			AltLabels:   []string{"comply with confidentiality of health care users' data", "maintain health care user data confidentiality", "comply with confidentiality of healthcare users' data", "maintain healthcare user data confidentiality", "keep health care user data confidential", "keep healthcare user data confidential"},
			Description: "Comply with and maintain the confidentiality of healthcare users` illness and treatment information.",
			Type:        "skill/competence", ReuseLevel: "sector-specific",
		},
		{
			ID:          SkillCommunicateByTelephone,
			Label:       "communicate by telephone",
			AltLabels:   []string{"communicate through telephone", "communicate by telephone", "use the telephone", "communicate by phone", "interact using the telephone"},
			Description: "Liaise via telephone by making and answering calls in a timely, professional and polite manner.",
			Type:        "skill/competence", ReuseLevel: "cross-sector",
		},
		{
			ID:          SkillUseCommunicationTechniques,
			Label:       "use communication techniques",
			AltLabels:   []string{"use communication technique", "use communication techniques", "utilize communication techniques", "apply communication techniques", "employ communication techniques", "use techniques for communication", "using communication techniques"},
			Description: "Apply techniques of communication which allow interlocutors to better understand each other and communicate accurately in the transmission of messages.",
			Type:        "skill/competence", ReuseLevel: "cross-sector",
		},
		{
			ID:          SkillTendToElderlyPeople,
			Label:       "tend to elderly people",
			AltLabels:   []string{"look after elderly people", "tending to elderly people", "tend to elderly people", "tend to the elderly", "provide care for elderly people"},
			Description: "Help elderly people in their physical, mental, and social needs.",
			Type:        "skill/competence", ReuseLevel: "sector-specific",
		},
		{
			ID:          SkillSupportSocialServiceUsersToLiveAtHome,
			Label:       "support social service users to live at home",
			AltLabels:   []string{"help social services users to live at home", "improve social services users' ability to live at home", "support service users to live at home", "support social service users to live at home", "support users of social care services to live at home", "improve sociale service users' ability to live at home", "support social care service users to live at home"},
			Description: "Support social service users to develop their own personal resources and work with them to access additional resources, services and facilities.",
			Type:        "skill/competence", ReuseLevel: "cross-sector",
		},
		{
			ID:          SkillInfectionControl,
			Label:       "infection control",
			AltLabels:   []string{"asepsis", "infection prevention", "prevention of infection", "infection containment", "prevention of infections", "infection control", "infections control"},
			Description: "The routes of transmission and methods of preventing spread of common and important infecting organisms together with the methods available for sterilisation and disinfection of pathogenic organisms in the prevention of infection.",
			Type:        "knowledge", ReuseLevel: "cross-sector",
		},
		{
			ID:          SkillImplementFundamentalsOfNursing,
			Label:       "implement fundamentals of nursing",
			AltLabels:   []string{"implement fundamentals of nursing", "implement principles of nursing", "implement basic nursing interventions", "implement nursing fundamentals"},
			Description: "Implement the nursing theoretical and methodological fundamentals and principles, basic nursing interventions on scientific evidence and the resources available.",
			Type:        "skill/competence", ReuseLevel: "cross-sector",
		},
		{
			ID:          SkillProvideBasicSupportToPatients,
			Label:       "provide basic support to patients",
			AltLabels:   []string{"deliver basic support to patients", "provide basic support for a patient", "offer basic support to patients", "give basic support to patients", "provide basic support for patients", "provide basic support to patients"},
			Description: "Support patients and citizens with activities of daily living, such as hygiene, comfort, mobilisation and feeding needs.",
			Type:        "skill/competence", ReuseLevel: "sector-specific",
		},
		{
			ID:          SkillMonitorBasicPatientsSigns,
			Label:       "monitor basic patients signs",
			AltLabels:   []string{"monitor basic signs of patient", "monitor basic signs of patients", "monitor basic patients signs", "check basic patient signs", "check patient's vital signs", "monitor basic patient's signs"},
			Description: "Monitor basic patient vital signs and other signs, taking actions as indicated by the nurse and report to her/him as appropriate.",
			Type:        "skill/competence", ReuseLevel: "sector-specific",
		},
		{
			ID:          SkillOperateCashPoint,
			Label:       "operate cash point",
			AltLabels:   []string{"balance cash point", "operation of a cash point", "operating a cash point", "process a cash point", "run a cash point", "operate cash point", "work a cash point", "operate a cash point"},
			Description: "Count the money. Balance cash drawer at the end of the shift. Receive payments and process payment information. Use scanning equipment.",
			Type:        "skill/competence", ReuseLevel: "sector-specific",
		},
		{
			ID:          SkillIdentifyCustomerSNeeds,
			Label:       "identify customer's needs",
			AltLabels:   []string{"identifying a customer's needs", "identify a customer's needs", "determine customer's needs", "diagnose customer's needs", "identifying customer's needs", "classify customer's needs", "analyse customer's needs", "identify customer's needs"},
			Description: "Use appropriate questions and active listening in order to identify customer expectations, desires and requirements according to product and services.",
			Type:        "skill/competence", ReuseLevel: "sector-specific",
		},
		{
			ID:          SkillComplyWithFoodSafetyAndHygiene,
			Label:       "comply with food safety and hygiene",
			AltLabels:   []string{"comply with hygiene and food safety", "comply with  safety and hygiene of food", "follow food safety and hygiene practices", "comply with food safety and hygiene", "maintain food safety practices in kitchen"},
			Description: "Respect optimal food safety and hygiene during preparation, manufacturing, processing, storage, distribution and delivery of food products.",
			Type:        "skill/competence", ReuseLevel: "cross-sector",
		},
		{
			ID:          SkillMaintainCustomerService,
			Label:       "maintain customer service",
			AltLabels:   []string{"ensure professional service", "maintain serving customers", "maintain customer service", "provide guest support services", "provide customer service", "maintain service of customers", "maintain guest service", "maintain guest care"},
			Description: "Keep the highest possible customer service and make sure that the customer service is at all times performed in a professional way. Help customers or participants feel at ease and support special requirements.",
			Type:        "skill/competence", ReuseLevel: "cross-sector",
		},
		{
			ID:          SkillFirstAid,
			Label:       "first aid",
			AltLabels:   []string{"emergency care", "first aid", "first aid techniques", "emergency assistance", "first aid treatment"},
			Description: "The emergency treatment given to a sick or injured person in the case of circulatory and/or respiratory failure, unconsciousness, wounds, bleeding, shock or poisoning.",
			Type:        "knowledge", ReuseLevel: "cross-sector",
		},
	}
}

// fixtureOccupationSkills lists the ESCO links between the fixture's occupations and skills.
func fixtureOccupationSkills() map[string][]workforce.Requirement {
	esco := func(id string, essential bool) workforce.Requirement {
		return workforce.Requirement{SkillID: id, Essential: essential, Source: "esco", Confidence: 1}
	}
	return map[string][]workforce.Requirement{
		OccHealthcareAssistant: {
			esco(SkillApplyOrganisationalTechniques, true),
			esco(SkillComplyWithLegislationRelatedToHealthCare, true),
			esco(SkillDisabilityCare, false),
			esco(SkillEmpathiseWithTheHealthcareUser, true),
			esco(SkillEnsureSafetyOfHealthcareUsers, true),
			esco(SkillHaveComputerLiteracy, true),
			esco(SkillInteractWithHealthcareUsers, true),
			esco(SkillListenActively, true),
			esco(SkillMonitorBasicPatientsSigns, true),
			esco(SkillOlderAdultsNeeds, false),
			esco(SkillProvideBasicSupportToPatients, true),
			esco(SkillWorkInMultidisciplinaryHealthTeams, true),
		},
		OccNurse: {
			esco(SkillApplyOrganisationalTechniques, true),
			esco(SkillComplyWithLegislationRelatedToHealthCare, true),
			esco(SkillDisabilityCare, true),
			esco(SkillEmpathiseWithTheHealthcareUser, true),
			esco(SkillEnsureSafetyOfHealthcareUsers, true),
			esco(SkillFirstAid, true),
			esco(SkillHaveComputerLiteracy, true),
			esco(SkillImplementFundamentalsOfNursing, true),
			esco(SkillInfectionControl, true),
			esco(SkillInteractWithHealthcareUsers, true),
			esco(SkillListenActively, true),
			esco(SkillWorkInMultidisciplinaryHealthTeams, true),
		},
		OccHomeCareAide: {
			esco(SkillCleanSurfaces, false),
			esco(SkillDisabilityCare, true),
			esco(SkillListenActively, false),
			esco(SkillOlderAdultsNeeds, true),
			esco(SkillSupportSocialServiceUsersToLiveAtHome, true),
			esco(SkillTendToElderlyPeople, true),
			esco(SkillUseFoodPreparationTechniques, false),
		},
		OccSalesAssistant: {
			esco(SkillIdentifyCustomerSNeeds, true),
			esco(SkillListenActively, false),
			esco(SkillMonitorStockLevel, true),
			esco(SkillOperateCashPoint, true),
		},
		OccKitchenAssistant: {
			esco(SkillCleanSurfaces, true),
			esco(SkillComplyWithFoodSafetyAndHygiene, true),
			esco(SkillMaintainCustomerService, true),
			esco(SkillMonitorStockLevel, true),
			esco(SkillUseFoodPreparationTechniques, true),
		},
		OccMedicalAdmin: {
			esco(SkillAdministrativeTasksInAMedicalEnvironment, true),
			esco(SkillApplyOrganisationalTechniques, true),
			esco(SkillCommunicateByTelephone, true),
			esco(SkillComplyWithLegislationRelatedToHealthCare, false),
			esco(SkillListenActively, false),
			esco(SkillMaintainHealthcareUserDataConfidentiality, true),
			esco(SkillUseCommunicationTechniques, true),
			esco(SkillWorkInMultidisciplinaryHealthTeams, false),
		},
	}
}
