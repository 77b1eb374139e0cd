package textmatch

// alias adds job titles to an ESCO occupation's labels. ESCO is a European
// classification: it lacks most NHS job titles ("staff nurse", "specialty
// doctor", "healthcare support worker") and has no separate occupation for
// medical specialties. These tables say which ESCO occupation does each job.
type alias struct {
	// uri is the ESCO concept URI; URIs persist across ESCO versions.
	uri string
	// label is the ESCO v1.1.1 preferred label, so tests can check that uri
	// names the occupation meant.
	label  string
	titles []string
}

// nhsAliases maps NHS and UK care job titles to ESCO occupations. Each entry
// is a judgement recorded in docs/textmatch.md; a title listed here matches
// as strongly as a preferred label.
var nhsAliases = []alias{
	{
		uri:   "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50",
		label: "nurse responsible for general care",
		titles: []string{
			"nurse", "staff nurse", "registered nurse", "registered general nurse",
			"registered mental health nurse", "registered learning disability nurse",
			"qualified nurse", "general nurse", "charge nurse", "sister",
			"deputy sister", "community nurse", "community mental health nurse",
			"community psychiatric nurse", "psychiatric nurse", "paediatric nurse",
			"theatre nurse", "scrub nurse", "mental health staff nurse",
		},
	},
	{
		uri:   "http://data.europa.eu/esco/occupation/18e14e61-495b-44cc-a7c6-df4c625934ba",
		label: "specialist nurse",
		titles: []string{
			"clinical nurse specialist", "tissue viability nurse", "health visitor",
			"school nurse", "specialist community public health nurse",
		},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/36494988-69d2-4420-9db4-eb56605ac983",
		label:  "advanced nurse practitioner",
		titles: []string{"advanced clinical practitioner", "emergency nurse practitioner", "ward manager", "matron"},
	},
	{
		uri:   "http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082",
		label: "healthcare assistant",
		titles: []string{
			"healthcare support worker", "clinical support worker",
			"clinical healthcare support worker", "nursing healthcare assistant",
		},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/87d0795a-d41f-47ee-979f-0ab7d73836e7",
		label:  "nurse assistant",
		titles: []string{"nursing associate", "nurse associate", "assistant practitioner", "associate practitioner"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/71f09c8b-a172-408c-b9e7-32e580e39ff6",
		label:  "general practitioner",
		titles: []string{"general practitioner partner", "family doctor", "general practice doctor"},
	},
	{
		uri:   "http://data.europa.eu/esco/occupation/045f05f2-4ff8-46b2-9d08-e12a81657498",
		label: "medical administrative assistant",
		titles: []string{
			"medical secretary", "ward clerk", "clinical administrator",
			"medical administrator", "patient administrator", "clinic administrator",
		},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/5d5fde2c-47ce-4dcd-99f0-ba651b7b908f",
		label:  "medical transcriptionist",
		titles: []string{"medical typist", "clinical typist", "audio typist"},
	},
	{
		uri:   "http://data.europa.eu/esco/occupation/044d78cc-f62f-4532-83a5-8e04f2889652",
		label: "administrative assistant",
		titles: []string{
			"administrator", "administration assistant", "administration officer",
			"team administrator", "business support administrator", "office assistant",
		},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/7d092380-1c2e-48fe-81de-0d191b4e96d6",
		label:  "diagnostic radiographer",
		titles: []string{"sonographer", "mammographer"},
	},
	{
		// Operating department practitioners work in anaesthetics, surgery
		// and recovery; ESCO's nearest occupation is the anaesthetic
		// technician (ISCO 3259).
		uri:    "http://data.europa.eu/esco/occupation/16e65196-3449-4c88-b379-0aa98f43db2b",
		label:  "anaesthetic technician",
		titles: []string{"operating department practitioner", "theatre practitioner", "anaesthetic practitioner", "scrub practitioner"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/cbad55a4-c7cf-4ab6-9540-eac72b26729b",
		label:  "domestic cleaner",
		titles: []string{"cleaner", "domestic assistant", "domestic", "ward domestic", "housekeeping assistant"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/bdc74965-1d1a-4f8e-a490-9cf71f494e02",
		label:  "dental chairside assistant",
		titles: []string{"dental nurse"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/0c041d1e-1841-4acb-b0a1-2c387a61bf65",
		label:  "doctors' surgery assistant",
		titles: []string{"physician associate"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/5a9acd29-666c-4ca1-b10e-e086584a526b",
		label:  "mental health support worker",
		titles: []string{"support time and recovery worker", "recovery support worker"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/a30734bb-2f10-4747-a94c-75f5ec3c63a4",
		label:  "hospital porter",
		titles: []string{"porter"},
	},
	{
		uri:    specialisedDoctorURI,
		label:  "specialised doctor",
		titles: doctorTitles(),
	},
}

// specialisedDoctorURI is ESCO's one occupation for hospital doctors of
// every specialty.
const specialisedDoctorURI = "http://data.europa.eu/esco/occupation/9b889f07-c39c-464d-b9d9-b2daa650f9ac"

// medicalSpecialties are the fields UK hospital doctors are appointed in,
// with the name of a specialist where one is in use.
var medicalSpecialties = []struct{ field, specialist string }{
	{"emergency medicine", ""}, {"acute medicine", ""}, {"general medicine", ""},
	{"internal medicine", ""}, {"respiratory medicine", ""}, {"renal medicine", "nephrologist"},
	{"palliative medicine", ""}, {"intensive care medicine", "intensivist"},
	{"critical care", ""}, {"sexual health", ""}, {"genitourinary medicine", ""},
	{"psychiatry", "psychiatrist"}, {"old age psychiatry", ""},
	{"child and adolescent psychiatry", ""}, {"general adult psychiatry", ""},
	{"forensic psychiatry", ""}, {"learning disability psychiatry", ""},
	{"anaesthetics", "anaesthetist"}, {"anaesthesia", ""}, {"radiology", "radiologist"},
	{"paediatrics", "paediatrician"}, {"community paediatrics", "community paediatrician"},
	{"neonatology", "neonatologist"}, {"obstetrics and gynaecology", "obstetrician"},
	{"gynaecology", "gynaecologist"}, {"histopathology", "histopathologist"},
	{"pathology", "pathologist"}, {"haematology", "haematologist"},
	{"oncology", "oncologist"}, {"clinical oncology", "clinical oncologist"},
	{"medical oncology", "medical oncologist"}, {"cardiology", "cardiologist"},
	{"neurology", "neurologist"}, {"dermatology", "dermatologist"},
	{"gastroenterology", "gastroenterologist"}, {"hepatology", "hepatologist"},
	{"geriatric medicine", "geriatrician"}, {"orthogeriatrics", "orthogeriatrician"},
	{"elderly care medicine", ""}, {"rheumatology", "rheumatologist"},
	{"urology", "urologist"}, {"ophthalmology", "ophthalmologist"}, {"ent", ""},
	{"otolaryngology", "otolaryngologist"}, {"trauma and orthopaedics", "orthopaedic surgeon"},
	{"orthopaedics", ""}, {"general surgery", "general surgeon"},
	{"vascular surgery", "vascular surgeon"}, {"plastic surgery", "plastic surgeon"},
	{"breast surgery", "breast surgeon"}, {"colorectal surgery", "colorectal surgeon"},
	{"cardiothoracic surgery", "cardiothoracic surgeon"}, {"thoracic surgery", "thoracic surgeon"},
	{"transplant surgery", "transplant surgeon"}, {"neurosurgery", "neurosurgeon"},
	{"maxillofacial surgery", "maxillofacial surgeon"}, {"endocrinology", "endocrinologist"},
	{"diabetes and endocrinology", ""}, {"rehabilitation medicine", ""},
	{"stroke medicine", ""}, {"infectious diseases", ""}, {"microbiology", "medical microbiologist"},
	{"virology", "virologist"}, {"immunology", "immunologist"},
	{"clinical genetics", "clinical geneticist"}, {"public health medicine", ""},
	{"occupational medicine", ""}, {"pain medicine", ""}, {"nuclear medicine", ""},
	{"clinical neurophysiology", "clinical neurophysiologist"},
}

// doctorTitles lists the titles of hospital doctors: grades, and consultant
// and specialty doctor posts in each specialty.
func doctorTitles() []string {
	titles := []string{
		"doctor", "medical doctor", "hospital doctor", "consultant", "medical consultant",
		"consultant physician", "consultant surgeon", "specialty doctor",
		"associate specialist", "specialty registrar", "specialist registrar",
		"registrar", "clinical fellow", "clinical research fellow",
		"trust grade doctor", "junior doctor", "foundation doctor",
		"senior house officer", "house officer", "physician", "surgeon",
		"medical officer",
	}
	for _, s := range medicalSpecialties {
		titles = append(titles, "consultant in "+s.field, "specialty doctor in "+s.field)
		if s.specialist != "" {
			titles = append(titles, s.specialist, "consultant "+s.specialist)
		}
	}
	return titles
}

// ukAliases maps the titles UK advisers and adverts use for entry jobs to
// the ESCO occupation that does the work, where ESCO words it otherwise.
// The choice follows the ONS SOC 2020 to ESCO crosswalk where it names
// one (care workers 6135 to care at home worker; residential care workers
// to residential care home worker; school teaching assistants 6112;
// sales and retail assistants 7111; warehouse operatives 9252). Like
// nhsAliases, a title listed here matches as strongly as a preferred label.
var ukAliases = []alias{
	{
		uri:   "http://data.europa.eu/esco/occupation/f4525ed8-54eb-4a3b-90db-55cc01b0d9fd",
		label: "care at home worker",
		titles: []string{
			"care worker", "carer", "home carer", "domiciliary care worker", "domiciliary carer",
			"home care worker", "home care assistant", "community care worker", "community support worker",
			"care at home worker", "homecare worker",
		},
	},
	{
		uri:   "http://data.europa.eu/esco/occupation/81309031-dad2-4a7a-bde6-7f6e518f89ff",
		label: "residential care home worker",
		titles: []string{
			"care assistant", "senior carer", "senior care assistant", "residential care worker",
			"care home assistant", "night carer", "senior care worker", "care home worker",
		},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/8d703e8f-1e57-4246-8a6b-cb87a760d4ab",
		label:  "social care worker",
		titles: []string{"support worker", "senior support worker", "learning disability support worker", "adult social care worker"},
	},
	{
		uri:   "http://data.europa.eu/esco/occupation/00674f21-2f8f-4a41-9896-133f7cbe2a6e",
		label: "primary school teaching assistant",
		titles: []string{
			"teaching assistant", "classroom assistant", "learning support assistant",
			"higher level teaching assistant", "school teaching assistant",
		},
	},
	{
		uri:   "http://data.europa.eu/esco/occupation/9ba74e8a-c40c-4228-9998-eb3c7a5c11df",
		label: "sales assistant",
		titles: []string{
			"retail assistant", "retail sales assistant", "store assistant", "customer assistant",
			"sales advisor", "sales adviser", "retail colleague", "shop floor assistant",
		},
	},
	{
		uri:   "http://data.europa.eu/esco/occupation/bea705fe-06ac-4147-b8e0-6e8ac1208d8f",
		label: "warehouse worker",
		titles: []string{
			"warehouse operative", "warehouse assistant", "warehouse picker", "warehouse packer",
			"warehouse operator", "warehouse associate",
		},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/6d50f735-dca9-4a02-96dc-e4310ed98ae2",
		label:  "domestic housekeeper",
		titles: []string{"housekeeper"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/f5cb9901-86fc-48d0-9cde-667fbe8cef3a",
		label:  "hand packer",
		titles: []string{"picker packer", "packer", "packing operative"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/fa30c1cb-dbc5-409c-8124-7284592b123c",
		label:  "tree surgeon",
		titles: []string{"arborist"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/974d4eab-fbee-4c52-b16e-73bdd8c25b53",
		label:  "lawyer",
		titles: []string{"attorney", "solicitor"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/0c408028-c48f-4df8-ba5d-c3d3be15f5a2",
		label:  "car and van delivery driver",
		titles: []string{"van driver", "multi drop driver", "multi-drop driver", "delivery van driver"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/3469cbcc-5332-41dc-977a-29cf1b7ef7be",
		label:  "front line medical receptionist",
		titles: []string{"medical receptionist", "dental receptionist", "gp receptionist", "surgery receptionist"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/044d78cc-f62f-4532-83a5-8e04f2889652",
		label:  "administrative assistant",
		titles: []string{"office administrator", "office assistant"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/d5db9d5c-2ebf-4a54-a79a-1b7e7ff70471",
		label:  "waiter/waitress",
		titles: []string{"waitress", "waiter", "waiting staff"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/31808988-fc0a-4bc3-9e47-27216d6759f5",
		label:  "security guard",
		titles: []string{"security officer"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/0ededdc2-050a-4ec3-8e70-6295105fcd19",
		label:  "call centre agent",
		titles: []string{"customer service advisor", "customer service agent", "call centre advisor"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/bfe142b9-a049-4d41-89c4-fd2f34ac56b6",
		label:  "accounting assistant",
		titles: []string{"accounts assistant"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/2a22ff9e-de3b-408d-b312-5034896cc4f4",
		label:  "carpenter",
		titles: []string{"joiner"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/e7970c7a-7769-4002-87d3-0a8ea94fdd6f",
		label:  "landscape gardener",
		titles: []string{"gardener"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/a48b9a5a-5ded-482d-8cda-7fd097a32c16",
		label:  "groundsman/groundswoman",
		titles: []string{"groundsperson", "groundskeeper", "grounds maintenance operative"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/d3fd0898-51f7-42a3-8f44-09408fc796f6",
		label:  "beauty salon attendant",
		titles: []string{"beauty therapist"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/3413f234-6230-47a8-8cc7-2691fd54ce3a",
		label:  "child care worker",
		titles: []string{"nursery practitioner", "nursery assistant", "early years practitioner"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/aaeec9a7-dc57-4485-890c-86b3eef735f9",
		label:  "ICT help desk agent",
		titles: []string{"it support technician", "it support analyst", "helpdesk analyst", "service desk analyst"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/8ec8df02-e9dd-43b7-b416-5846ae0414ab",
		label:  "real estate agent",
		titles: []string{"estate agent"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/0264b794-3771-47aa-a675-78bf13b62ee7",
		label:  "legal administrative assistant",
		titles: []string{"legal secretary"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/2a04a1df-a3b9-403e-a245-e7f93fdddd44",
		label:  "executive assistant",
		titles: []string{"personal assistant", "pa"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/731ecac4-06e8-4ec2-a559-101fecbd9183",
		label:  "room attendant",
		titles: []string{"chambermaid", "hotel room attendant", "housekeeping assistant"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/0da51178-e386-4534-ae71-15ba789ad756",
		label:  "laundry worker",
		titles: []string{"laundry assistant"},
	},
	{
		uri:    "http://data.europa.eu/esco/occupation/4779055b-f769-4c6d-8e0e-088bb74cfce9",
		label:  "swimming facility attendant",
		titles: []string{"lifeguard", "pool lifeguard"},
	},
}
