/* db_demo.c — fills an empty database with the demo organisation (a Danish
 * municipality's Children & Youth services, written by us) or with a
 * generated municipality of any size for benchmarks; see db_demo.h.
 * Part of the data-access module: rows go straight in through cached
 * prepared statements inside one bulk transaction, and the ids needed later
 * are kept in C arrays so nothing is read back. Dates follow the current
 * year (date_today honours KUP_TODAY) so the demo always looks alive.
 * Nothing is returned to the caller but counts; all memory is freed here. */
#include "db_demo.h"
#include "db_activity.h"
#include "db_internal.h"
#include "date.h"
#include "i18n.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- fixed vocabularies ---- */

enum { P_PAED, P_LAER, P_SOC, P_PSYK, P_SUND, P_ASS, P_LED, P_ADM, NPROF };
static const char *const prof_names[NPROF] = {
	"Pædagog", "Lærer", "Socialrådgiver", "Psykolog", "Sundhedsplejerske",
	"Pædagogisk assistent", "Leder", "Administrativ medarbejder",
};
#define PM(p) (1u << (p))
#define PM_ALL 0xffu

enum { C_PERS, C_FAG, C_TVAER, C_REL, NCOMP };
static const char *const comp_codes[NCOMP] = { "personal", "professional", "interdisciplinary", "relational" };
#define CM(c) (1u << (c))

enum { M_DIP, M_KUR, M_TEMA, M_KONF, M_ELAER, M_PEER, M_NET, M_SUP, NMETH };
static const char *const method_codes[NMETH] = {
	"diploma", "course", "theme_day", "conference", "elearning", "peer", "network", "supervision",
};
/* Seats of a generated session, by method. */
static const int method_cap[NMETH] = { 30, 20, 120, 40, 500, 4, 15, 6 };

/* ---- the demo organisation ---- */

enum { K_AREA, K_INST, K_TEAM };
static const char *const kind_codes[] = { "area", "institution", "team" };

struct demo_unit { const char *name; int kind, parent; };
static const struct demo_unit demo_units[] = {
	{ "Børn & Unge", K_AREA, -1 },
	{ "Skovbrynet Skole", K_INST, 0 },
	{ "Indskoling", K_TEAM, 1 },
	{ "Udskoling", K_TEAM, 1 },
	{ "Ådalens Børnehus", K_INST, 0 },
	{ "Vuggestuen Myretuen", K_TEAM, 4 },
	{ "Børnehaven Ærtebælgen", K_TEAM, 4 },
	{ "Ungdomshuset Østerå", K_INST, 0 },
	{ "Klubben", K_TEAM, 7 },
	{ "Ung-vejledning", K_TEAM, 7 },
	{ "PPR og Sundhed", K_INST, 0 },
	{ "Sundhedsplejen", K_TEAM, 10 },
	{ "Familiecentret", K_INST, 0 },
};
#define N_DEMO_UNITS (int)(sizeof demo_units / sizeof demo_units[0])

/* role: 'l' leads its unit, 'a' admin, 'e' employee. Employed since
 * Y-years, month; left: deactivated, employed until the end of that month
 * of Y-1. */
struct demo_person {
	const char *name, *initials, *login, *title;
	int unit, prof;
	char role;
	int years, month, left;
};
static const struct demo_person demo_people[] = {
	{ "Birgitte Løvendahl", "BL", "bl", "Børne- og ungechef", 0, P_LED, 'l', 14, 8, 0 },
	{ "Mette Aagaard", "MAA", "maa", "HR- og kompetencekonsulent", 0, P_ADM, 'a', 9, 3, 0 },
	{ "Karsten Hjørne", "KHJ", "khj", "Økonomikonsulent", 0, P_ADM, 'e', 6, 1, 0 },
	{ "Jørgen Bæk", "JB", "jb", "Skoleleder", 1, P_LED, 'l', 11, 8, 0 },
	{ "Lone Sørensen", "LS", "ls", "Skolesekretær", 1, P_ADM, 'e', 19, 1, 0 },
	{ "Søren Ågård", "SÅG", "sag", "Afdelingsleder, indskolingen", 2, P_LED, 'l', 7, 8, 0 },
	{ "Lærke Ærø", "LÆ", "lae", "Lærer", 2, P_LAER, 'e', 3, 8, 0 },
	{ "Anne-Grethe Møller", "AGM", "agm", "Lærer", 2, P_LAER, 'e', 22, 8, 0 },
	{ "Rasmus Kjær", "RK", "rk", "Pædagog", 2, P_PAED, 'e', 5, 2, 0 },
	{ "Sofie Brøndum", "SB", "sb", "Pædagog", 2, P_PAED, 'e', 2, 9, 0 },
	{ "Nikolaj Fløe", "NF", "nf", "Lærer", 2, P_LAER, 'e', 1, 8, 0 },
	{ "Ida Krøyer", "IK", "ik", "Pædagogisk assistent", 2, P_ASS, 'e', 4, 1, 0 },
	{ "Henrik Dybdahl", "HD", "hd", "Afdelingsleder, udskolingen", 3, P_LED, 'l', 9, 8, 0 },
	{ "Åse Østergård", "ÅSØ", "aso", "Lærer", 3, P_LAER, 'e', 16, 8, 0 },
	{ "Thomas Højgaard", "TH", "th", "Lærer", 3, P_LAER, 'e', 12, 8, 0 },
	{ "Camilla Vestergård", "CV", "cv", "Lærer, AKT-vejleder", 3, P_LAER, 'e', 6, 8, 0 },
	{ "Mads Bjørnskov", "MBJ", "mbj", "Lærer", 3, P_LAER, 'e', 4, 8, 7 },
	{ "Julie Nørgaard", "JN", "jn", "Pædagog", 3, P_PAED, 'e', 3, 1, 0 },
	{ "Hanne Skærbæk", "HS", "hs", "Dagtilbudsleder", 4, P_LED, 'l', 13, 4, 0 },
	{ "Pia Lærkesen", "PL", "pl", "Pædagogisk leder, vuggestuen", 5, P_LED, 'l', 8, 3, 0 },
	{ "Maja Søgaard", "MS", "ms", "Pædagog", 5, P_PAED, 'e', 4, 5, 0 },
	{ "Bente Kræmmer", "BK", "bk", "Pædagogisk assistent", 5, P_ASS, 'e', 17, 9, 0 },
	{ "Louise Thorsø", "LT", "lt", "Pædagog", 5, P_PAED, 'e', 2, 11, 0 },
	{ "Emma Dalsgård", "ED", "ed", "Pædagogisk assistent", 5, P_ASS, 'e', 1, 3, 0 },
	{ "Torben Ravnsbæk", "TR", "tr", "Pædagogisk leder, børnehaven", 6, P_LED, 'l', 10, 1, 0 },
	{ "Gitte Holmgård", "GH", "gh", "Pædagog", 6, P_PAED, 'e', 15, 8, 0 },
	{ "Kasper Lyngsø", "KL", "kl", "Pædagog", 6, P_PAED, 'e', 5, 6, 0 },
	{ "Line Frølund", "LF", "lf", "Pædagog, sprogansvarlig", 6, P_PAED, 'e', 7, 2, 0 },
	{ "Signe Mørk", "SM", "sm", "Pædagogisk assistent", 6, P_ASS, 'e', 3, 10, 0 },
	{ "Ole Aaskov", "OA", "oa", "Pædagog", 6, P_PAED, 'e', 24, 8, 0 },
	{ "Karina Bøgh", "KBØ", "kbo", "Pædagogisk assistent", 6, P_ASS, 'e', 2, 4, 12 },
	{ "Morten Ørsted", "MØ", "mo", "Ungdomsskoleleder", 7, P_LED, 'l', 8, 8, 0 },
	{ "Freja Skovgård", "FS", "fs", "Lærer, 10. klasse", 7, P_LAER, 'e', 6, 8, 0 },
	{ "Jonas Kjærsgaard", "JK", "jk", "Ungdomsskolelærer", 7, P_LAER, 'e', 3, 8, 0 },
	{ "Anders Højer", "AH", "ah", "Klubleder", 8, P_LED, 'l', 12, 5, 0 },
	{ "Nanna Østergaard", "NØ", "no", "Klubpædagog", 8, P_PAED, 'e', 4, 8, 0 },
	{ "Frederik Sønderby", "FRS", "frs", "Klubpædagog", 8, P_PAED, 'e', 2, 2, 0 },
	{ "Amalie Grønbæk", "AG", "ag", "Klubmedarbejder", 8, P_ASS, 'e', 1, 9, 0 },
	{ "Mikkel Brødsgaard", "MBR", "mbr", "Klubpædagog", 8, P_PAED, 'e', 9, 1, 0 },
	{ "Cecilie Lund", "CL", "cl", "Pædagog", 8, P_PAED, 'e', 0, 2, 0 },
	{ "Lise Kjærgaard", "LK", "lk", "Teamleder, ung-vejledningen", 9, P_LED, 'l', 6, 8, 0 },
	{ "Bo Åkjær", "BÅ", "ba", "Ungevejleder", 9, P_SOC, 'e', 5, 3, 0 },
	{ "Tina Søndergaard", "TS", "ts", "UU-vejleder", 9, P_LAER, 'e', 11, 8, 0 },
	{ "Jakob Fænø", "JF", "jf", "SSP-medarbejder", 9, P_PAED, 'e', 4, 4, 0 },
	{ "Inger Lykkegård", "IL", "il", "PPR-leder", 10, P_LED, 'l', 10, 2, 0 },
	{ "Katrine Blæsbjerg", "KBL", "kbl", "Skolepsykolog", 10, P_PSYK, 'e', 6, 9, 0 },
	{ "Peter Mølgaard", "PM", "pm", "Skolepsykolog", 10, P_PSYK, 'e', 13, 1, 0 },
	{ "Helle Ørum", "HØ", "ho", "Tale-hørelærer", 10, P_LAER, 'e', 18, 8, 0 },
	{ "Dorthe Vænge", "DV", "dv", "Ledende sundhedsplejerske", 11, P_LED, 'l', 9, 4, 0 },
	{ "Marianne Bækkelund", "MBÆ", "mbk", "Sundhedsplejerske", 11, P_SUND, 'e', 14, 6, 0 },
	{ "Rikke Aaby", "RA", "ra", "Sundhedsplejerske", 11, P_SUND, 'e', 3, 9, 0 },
	{ "Susanne Sølvsten", "SS", "ss", "Sundhedsplejerske", 11, P_SUND, 'e', 21, 3, 0 },
	{ "Charlotte Østerby", "CØ", "co", "Sundhedsplejerske", 11, P_SUND, 'e', 1, 1, 0 },
	{ "Lars Brønnum", "LB", "lb", "Familiecenterleder", 12, P_LED, 'l', 7, 10, 0 },
	{ "Anette Kjølby", "AK", "ak", "Socialrådgiver", 12, P_SOC, 'e', 9, 8, 0 },
	{ "Jesper Nørregård", "JNØ", "jno", "Socialrådgiver", 12, P_SOC, 'e', 4, 3, 0 },
	{ "Hanne-Mette Ravn", "HMR", "hmr", "Socialrådgiver", 12, P_SOC, 'e', 16, 5, 0 },
	{ "Stine Gjørup", "SG", "sg", "Socialrådgiver", 12, P_SOC, 'e', 2, 8, 0 },
	{ "Trine Kærsgaard", "TK", "tk", "Familiebehandler", 12, P_PAED, 'e', 8, 11, 0 },
	{ "Amira Haddad", "AHA", "aha", "Psykolog", 12, P_PSYK, 'e', 3, 2, 0 },
};
#define N_DEMO_PEOPLE (int)(sizeof demo_people / sizeof demo_people[0])

/* Focus areas by year offset from Y; the demo uses Y and Y-1 only. */
struct focus_text { int yoff; const char *title, *desc; };
static const struct focus_text focus_texts[] = {
	{ 0, "Alle med i fællesskabet",
	  "De voksne får bedre greb om at skabe fællesskaber, hvor flere børn og unge trives og deltager i skole, dagtilbud og fritid." },
	{ 0, "Netværk på tværs af fag",
	  "Pædagoger, lærere, socialrådgivere, psykologer og sundhedsplejersker lærer af hinanden og løser opgaver sammen, tidligt og tæt på barnet." },
	{ 0, "Unge der kan mestre livet",
	  "Medarbejderne får redskaber til at styrke unges trivsel, robusthed og tro på egne evner." },
	{ -1, "Sprog og læselyst fra start",
	  "En tidlig og fælles indsats for sprog i dagtilbud og indskoling." },
	{ -1, "Tryghed i overgangene",
	  "Gode skift fra vuggestue til børnehave, fra børnehave til skole og fra skole til ungdomsuddannelse." },
	{ -2, "Forældresamarbejde med tillid", "Tidlig, ligeværdig dialog med forældrene, også de svære steder." },
	{ -2, "Digital dannelse", "Børn og unges liv på nettet er en del af det pædagogiske arbejde." },
	{ -3, "Bevægelse i hverdagen", "Mere fysisk aktivitet i løbet af dagen, i alle aldre." },
	{ -3, "Fravær opdages tidligt", "Vi reagerer i fællesskab, før fraværet bliver et mønster." },
	{ -4, "Anerkendende praksis", "Et fælles blik på det, der lykkes, og på barnets ressourcer." },
	{ -4, "Børnenes stemme", "Børn og unge inddrages i de beslutninger, der handler om dem." },
};
#define N_FOCUS_TEXTS (int)(sizeof focus_texts / sizeof focus_texts[0])

/* Goal texts: five for each competence area, in that order. */
struct goal_text { int comp; const char *what, *why, *criteria; };
static const struct goal_text goal_texts[] = {
	{ C_PERS, "Blive bedre til at prioritere min tid, når opgaverne hober sig op.",
	  "I travle perioder har jeg for mange bolde i luften, og det går ud over kvaliteten og mit overskud.",
	  "Jeg har faste fordybelsestimer i kalenderen og en aftale med min leder om prioritering, som vi følger op på midt i året." },
	{ C_PERS, "Styrke min robusthed i svære samtaler med forældre.",
	  "Samtaler med bekymrede eller vrede forældre fylder meget, også efter arbejdstid.",
	  "Jeg har brugt en fast samtalemodel i mindst fem samtaler og oplever, at jeg kan lægge dem fra mig, når jeg går hjem." },
	{ C_PERS, "Få et sikrere greb om de digitale værktøjer i det daglige arbejde.",
	  "Dokumentation og kommunikation foregår nu mest digitalt, og jeg bruger for lang tid på det.",
	  "Jeg bruger skabeloner og fælles mapper og har halveret den tid, jeg bruger på dokumentation om ugen." },
	{ C_PERS, "Udvikle min rolle som praktikvejleder.",
	  "Vi tager flere studerende ind, og de skal have en god og lærerig praktik.",
	  "Jeg har taget vejlederkurset og fået en skriftlig tilbagemelding fra mindst én studerende." },
	{ C_PERS, "Lære mere af min egen praksis gennem faste logbogsnoter.",
	  "Jeg vil blive bedre til at bruge de situationer, der ikke gik som planlagt.",
	  "Jeg skriver korte noter hver uge og har taget to eksempler med til supervision." },
	{ C_FAG, "Blive skarpere på sprogvurdering og sprogstøtte i hverdagen.",
	  "Flere børn i vores gruppe har brug for et målrettet arbejde med sproget.",
	  "Jeg laver sprogvurderinger selvstændigt og har lagt sprogplaner for de børn, der har brug for det." },
	{ C_FAG, "Tage diplommodulet om inklusion og bruge det i vores praksis.",
	  "Vi mangler fælles viden om at tilrettelægge undervisningen, så alle elever kan være med.",
	  "Modulet er bestået, og jeg har vist teamet tre konkrete greb, som vi har afprøvet." },
	{ C_FAG, "Bruge trivselsmålingerne til at handle, ikke kun til at måle.",
	  "Vi måler trivsel, men tallene bliver sjældent til noget, eleverne kan mærke.",
	  "Klassens resultater er gennemgået med eleverne, og vi har aftalt og fulgt op på to tiltag." },
	{ C_FAG, "Opdatere min viden om angst og mistrivsel hos unge.",
	  "Flere unge i klubben og i 10. klasse viser tegn på angst.",
	  "Jeg kender tegnene, ved hvornår PPR skal inddrages, og har brugt den nye viden i mindst tre forløb." },
	{ C_FAG, "Skrive kortere og klarere i børnesagerne.",
	  "Sagerne bliver lange, og det er svært for en kollega at overtage dem.",
	  "Mine notater følger den fælles skabelon, og en kollega har læst tre sager igennem og givet mig feedback." },
	{ C_TVAER, "Være med i netværket om tidlig indsats i vores distrikt.",
	  "Vi opdager bekymringer for sent, fordi vi ikke kender hinandens tilbud godt nok.",
	  "Jeg har været med til fire netværksmøder og har taget mindst to bekymringer videre i et tværfagligt forum." },
	{ C_TVAER, "Lave et fælles forløb med sundhedsplejen om skiftet fra vuggestue til børnehave.",
	  "Forældrene efterspørger en mere sammenhængende overgang.",
	  "Forløbet er prøvet af med en gruppe familier og evalueret sammen med sundhedsplejen." },
	{ C_TVAER, "Bruge PPR's konsultationsmodel i teamet.",
	  "Vi vil have mere ud af konsultationerne med psykologerne.",
	  "Teamet har brugt modellen ved tre konsultationer og er enige om, at forberedelsen er blevet bedre." },
	{ C_TVAER, "Få skole og klub til at arbejde sammen om elever i mistrivsel.",
	  "Skolen og klubben ser de samme unge, men taler sjældent sammen om dem.",
	  "Der er faste månedlige møder, og vi har to fælles handleplaner i gang." },
	{ C_TVAER, "Lære af en kollega fra en anden faggruppe gennem sidemandsoplæring.",
	  "Vi ser de samme børn med forskellige øjne og kan lære meget af hinanden.",
	  "Vi har været i hinandens praksis to gange hver og skrevet en kort opsamling til teamet." },
	{ C_REL, "Møde børn i konflikt med ro og anerkendelse.",
	  "Jeg reagerer for hurtigt, når der opstår konflikter i gruppen.",
	  "Jeg bruger en fast konfliktmodel, og mine kolleger har observeret mig og givet mig feedback." },
	{ C_REL, "Komme tættere på de unge, der sjældent kommer i klubben.",
	  "Nogle unge falder fra, før vi har lært dem rigtigt at kende.",
	  "Jeg har haft en samtale med hver af de unge, der kommer sjældnest, og flere af dem kommer nu fast." },
	{ C_REL, "Styrke samarbejdet med forældrene gennem korte, hyppige samtaler.",
	  "Forældremøderne når ikke de forældre, der har mest brug for kontakt.",
	  "Alle forældre i min gruppe har haft mindst én kort samtale med mig i løbet af halvåret." },
	{ C_REL, "Finde min rolle over for børn med udadreagerende adfærd.",
	  "Situationerne tærer på mig, og jeg vil gerne gå roligere ind i dem.",
	  "Jeg har fået supervision på tre situationer og har en plan, jeg følger, når det spidser til." },
	{ C_REL, "Skabe trygge rammer for unge i krise.",
	  "I vejledningen møder jeg flere unge, der står i svære livssituationer.",
	  "Jeg ved, hvem jeg skal henvise til, og har brugt samtaleredskaberne fra kurset i mindst fem forløb." },
};
#define N_GOAL_TEXTS (int)(sizeof goal_texts / sizeof goal_texts[0])

static const char *const plan_notes[] = {
	"", "Aftalt ved MUS.", "Kort opfølgning efter sommerferien.",
	"Vi tager en snak om arbejdsmængden i efteråret.", "", "Ønsker at dele viden på et personalemøde.",
};
static const char *const plan_evaluations[] = {
	"Året har givet ny viden, som allerede bruges i hverdagen. Næste år bygger vi videre på samarbejdet på tværs.",
	"De fleste mål er nået. Travlhed i efteråret betød, at et af målene blev sat på pause.",
	"Godt udbytte af kurset; den største gevinst har været de faste drøftelser i teamet bagefter.",
	"Målene var ambitiøse. Vi har aftalt at gøre dem mindre og mere konkrete i den nye plan.",
	"Tydelig faglig udvikling, og kollegerne har haft glæde af den viden, der er delt.",
};
static const char *const goal_results[] = {
	"Nået: metoden er nu en fast del af teamets hverdag.",
	"Nået, og erfaringerne er delt på et personalemøde.",
	"Delvist nået; arbejdet fortsætter i næste års plan.",
	"Opgivet, da opgaven gik videre til en kollega.",
};
static const char *const reject_reasons[] = {
	"Prioriteres ikke i år i forhold til teamets fokusområder.",
	"Kan ikke dækkes ind i vagtplanen i perioden.",
	"Årets budget til kompetenceudvikling er brugt.",
	"Søg hellere det næste hold, der passer bedre til dine mål.",
};
static const char full_reason[] = "Holdet var fuldt.";
static const char *const approve_notes[] = {
	"Godkendt. Husk at fortælle teamet om det bagefter.",
	"Godkendt; vikar er aftalt.",
	"Fint, det passer til målet i din plan.",
};
static const char *const fu_learned[] = {
	"Et fælles sprog for fællesskaber og deltagelse og en model til at planlægge aktiviteter, hvor alle kan være med.",
	"Hvordan angst viser sig hos unge, og hvordan man taler med dem om det uden at gøre det større.",
	"Hvordan de andre faggrupper arbejder, og hvem jeg kan ringe til, før en bekymring vokser sig stor.",
	"Redskaber til at tage tempoet ud af en konflikt og få barnets perspektiv frem.",
	"En struktur for korte, målrettede samtaler med forældre.",
};
static const char *const fu_practice[] = {
	"Vi har en fast runde på teammødet, hvor vi tager et barn op ud fra modellen.",
	"Jeg bruger samtaleguiden i mine vejledningssamtaler hver uge.",
	"Vi har lavet en fælles oversigt over kontaktpersoner på tværs af huset.",
	"Konfliktmodellen hænger på stuen og bruges af hele personalegruppen.",
	"Forældrene får nu en kort skriftlig opsamling efter samtalen.",
};
static const char *const fu_shared[] = {
	"Teamet på personalemødet", "Kollegerne i afdelingen", "Hele huset på en pædagogisk dag",
	"Min makker i sidemandsoplæringen", "Netværket af ressourcepersoner", "Ledelsen og teamet",
};
static const char *const fu_comment[] = {
	"Fint udbytte. Vi ser på brugen af modellen ved næste teammøde.",
	"Godt, at viden er delt. Lad os se, om det kan bredes ud til hele huset.",
	"Tak for en grundig opsamling. Du er tovholder på den fælles runde.",
	"God sammenhæng med målet i din udviklingsplan; vi tager det med til MUS.",
};
/* What the leader records when closing: how the unit puts it into practice. */
static const char *const fu_actions[] = {
	"Oplæg for teamet på næste personalemøde.",
	"Ny fast runde på teammødet, hvor vi tager et barn op ud fra modellen.",
	"Konfliktmodellen bliver fælles praksis i hele huset.",
	"Samtaleguiden lægges i den fælles mappe og bruges af alle.",
	"Vi afprøver metoden i to grupper og evaluerer på næste pædagogiske dag.",
};
/* The colleagues' parts: what they have seen, how they use it themselves,
 * and why some decline. */
static const char *const fu_seen[] = {
	"Jeg har set modellen brugt på teammødet, og vi taler mere om børnenes deltagelse.",
	"Der er mere ro i overgangene, efter at vi har fået faste aftaler.",
	"Forældresamtalerne er blevet kortere og mere konkrete.",
	"Jeg har været med til to samtaler, hvor min kollega brugte den nye guide.",
};
static const char *const fu_own_use[] = {
	"Jeg bruger spørgsmålene fra guiden i mine egne samtaler.",
	"Jeg har taget modellen med til min egen gruppe.",
	"Endnu ikke så meget, men jeg har skrevet skabelonen ind i min planlægning.",
	"Vi har lavet en fælles tjekliste, som jeg bruger hver uge.",
};
static const char *const fu_decline[] = {
	"Jeg har ikke arbejdet sammen med min kollega siden kurset.",
	"Jeg er på orlov det meste af perioden.",
	"Jeg kender ikke nok til forløbet til at sige noget brugbart.",
};

/* Sessions of a demo activity: in Y+yoff on mon-day, lasting `days` more
 * days; yoff REL puts the start `day` days from today instead, so that
 * some follow-ups are always due soon whatever the date. */
#define REL 99
struct demo_sess { int yoff, mon, day, days, cap; };
struct demo_act {
	const char *title, *provider, *place, *desc;
	int method;
	double ects, hours;
	int price, cross;
	unsigned comps, profs;
	struct demo_sess s[3];
};
#define PM_CARE (PM(P_PAED) | PM(P_LAER) | PM(P_SOC) | PM(P_PSYK) | PM(P_SUND) | PM(P_ASS))
static const struct demo_act demo_acts[] = {
	{ "Diplommodul: Inklusion og fællesskaber", "VIA University College", "VIA University College, undervisningslokale 3",
	  "Modul på den pædagogiske diplomuddannelse om læringsmiljøer, hvor alle børn kan deltage. Seks studiedage og en opgave med afsæt i egen praksis.",
	  M_DIP, 10, 60, 12500, 1, CM(C_FAG) | CM(C_TVAER), PM(P_PAED) | PM(P_LAER),
	  { { -1, 2, 3, 110, 25 }, { 1, 2, 2, 110, 25 } } },
	{ "Diplommodul: Ledelse af læring og udvikling", "UC SYD", "UC SYD, auditoriet",
	  "Modul på diplomuddannelsen i ledelse: at sætte retning for kompetenceudvikling og få ny viden omsat i hverdagen.",
	  M_DIP, 10, 60, 14000, 0, CM(C_PERS) | CM(C_FAG), PM(P_LED),
	  { { -1, 9, 1, 100, 20 }, { 1, 1, 12, 100, 20 } } },
	{ "Diplommodul: Børn og unge i udsatte positioner", "VIA University College", "VIA University College, undervisningslokale 5",
	  "Tværprofessionelt modul om tidlig opsporing, samarbejde om udsatte børn og unge og lovgrundlaget for indsatserne.",
	  M_DIP, 10, 60, 12500, 1, CM(C_FAG) | CM(C_REL), PM(P_PAED) | PM(P_LAER) | PM(P_SOC),
	  { { 0, 8, 18, 95, 30 } } },
	{ "Kursus: Sprogstøtte i dagtilbud", "Børn & Unge, Pædagogisk Udvikling", "Ådalens Børnehus, personalestuen",
	  "To dage om sprogvurdering, dialogisk læsning og sprogstøtte i de daglige rutiner.",
	  M_KUR, -1, 14, 2800, 0, CM(C_FAG), PM(P_PAED) | PM(P_ASS),
	  { { -1, 3, 14, 1, 18 }, { 0, 4, 22, 1, 18 }, { 1, 3, 10, 1, 18 } } },
	{ "Kursus: Konflikthåndtering med børn og unge", "PPR", "Rådhuset, mødesal 2",
	  "Redskaber til at forebygge og nedtrappe konflikter, med øvelser i små grupper og en opfølgningsdag efter en måned.",
	  M_KUR, -1, 12, 1500, 1, CM(C_REL) | CM(C_PERS), PM(P_PAED) | PM(P_LAER) | PM(P_ASS),
	  { { -1, 10, 6, 1, 20 }, { 0, 9, 15, 1, 20 } } },
	{ "Kursus: Den svære forældresamtale", "Kommunens HR", "Rådhuset, mødesal 1",
	  "Forberedelse, struktur og egen rolle i samtaler, hvor der skal siges noget svært.",
	  M_KUR, -1, 7, 1200, 1, CM(C_REL), PM_CARE,
	  { { -1, 5, 19, 0, 16 }, { 0, 11, 10, 0, 16 }, { 1, 1, 21, 0, 16 } } },
	{ "Kursus: Angst og mistrivsel hos unge", "PPR", "Ungdomshuset Østerå, cafeen",
	  "Tegn på angst og mistrivsel, samtalen med den unge, og hvornår PPR skal med.",
	  M_KUR, -1, 10, 1800, 1, CM(C_FAG), PM(P_PAED) | PM(P_LAER) | PM(P_SOC) | PM(P_PSYK),
	  { { -1, 4, 11, 1, 16 }, { 1, 2, 24, 1, 16 } } },
	{ "Kursus: Skriv kort og klart i børnesager", "Kommunens HR", "Familiecentret, mødelokalet",
	  "Skriveværksted om præcise og respektfulde notater, som en kollega kan overtage.",
	  M_KUR, -1, 6, 900, 0, CM(C_FAG), PM(P_SOC) | PM(P_PSYK) | PM(P_ADM),
	  { { 0, 5, 27, 0, 12 }, { 1, 5, 19, 0, 12 } } },
	{ "Kursus: Vejledning af pædagogstuderende", "VIA University College", "VIA University College, undervisningslokale 1",
	  "For praktikvejledere: læringsmål, vejledningssamtaler og bedømmelse.",
	  M_KUR, -1, 21, 3500, 0, CM(C_PERS) | CM(C_FAG), PM(P_PAED),
	  { { -1, 9, 8, 2, 14 }, { 0, 9, 7, 2, 14 } } },
	{ "Temadag: Alle med i fællesskabet", "Børn & Unge, Pædagogisk Udvikling", "Kulturhuset, store sal",
	  "Fælles dag for hele Børn & Unge om årets fokusområde, med oplæg og værksteder på tværs af faggrupper.",
	  M_TEMA, -1, 6, 0, 1, CM(C_TVAER) | CM(C_REL), PM_ALL,
	  { { 0, 3, 5, 0, 150 }, { 1, 3, 4, 0, 150 } } },
	{ "Temadag: Trivsel og livsduelighed hos unge", "Ungdomshuset Østerå", "Ungdomshuset Østerå, salen",
	  "Oplæg og erfaringsudveksling om at styrke unges mod, robusthed og tro på egne evner.",
	  M_TEMA, -1, 6, 350, 1, CM(C_FAG) | CM(C_REL), PM(P_PAED) | PM(P_LAER) | PM(P_SOC),
	  { { -1, 11, 12, 0, 60 }, { REL, 0, -10, 0, 60 } } },
	{ "Temadag: Gode overgange fra børnehave til skole", "Børn & Unge, Pædagogisk Udvikling", "Skovbrynet Skole, festsalen",
	  "Pædagoger og lærere planlægger sammen næste års overgange.",
	  M_TEMA, -1, 5, 0, 1, CM(C_TVAER), PM(P_PAED) | PM(P_LAER) | PM(P_ASS),
	  { { -1, 2, 16, 0, 80 }, { 0, 2, 15, 0, 80 } } },
	{ "Konference: Børn, unge og fællesskaber", "Landsnetværket for børn og unge", "Konferencecentret ved fjorden",
	  "To-dages konference med forskere og praktikere om inkluderende fællesskaber.",
	  M_KONF, -1, 12, 4200, 1, CM(C_FAG) | CM(C_TVAER), PM(P_LED) | PM(P_PAED) | PM(P_LAER),
	  { { -1, 6, 8, 1, 10 }, { 1, 6, 7, 1, 10 } } },
	{ "Konference: Tidlig indsats i sundhedsplejen", "Fagdage for sundhedsplejersker", "Konferencecentret ved fjorden",
	  "Ny viden om spæd- og småbørns trivsel og om samarbejdet med dagtilbuddene.",
	  M_KONF, -1, 7, 2400, 0, CM(C_FAG), PM(P_SUND),
	  { { 0, 4, 20, 0, 6 } } },
	{ "E-læring: Tavshedspligt og underretninger", "Kommunens HR", "Online",
	  "Kort online-forløb om skærpet underretningspligt og tavshedspligt; tages, når det passer.",
	  M_ELAER, -1, 2, 0, 0, CM(C_FAG), PM_ALL,
	  { { -1, 1, 9, 340, 500 }, { 0, 1, 8, 340, 500 } } },
	{ "E-læring: Persondata i hverdagen", "Kommunens HR", "Online",
	  "Online-forløb om at håndtere oplysninger om børn og familier sikkert.",
	  M_ELAER, -1, 1.5, 0, 0, CM(C_FAG), PM_ALL,
	  { { 0, 1, 15, 330, 500 } } },
	{ "E-læring: Sprogstimulering for de mindste", "Sundhedsplejen", "Online",
	  "Videoer og små opgaver om sprog hos 0-3-årige, med spørgsmål til refleksion i teamet.",
	  M_ELAER, -1, 4, 0, 1, CM(C_FAG) | CM(C_TVAER), PM(P_PAED) | PM(P_ASS) | PM(P_SUND),
	  { { -1, 3, 1, 200, 100 } } },
	{ "Sidemandsoplæring: Dokumentation i fagsystemet", "Familiecentret", "Familiecentret",
	  "En erfaren kollega lærer nye op i sagsbehandlingssystemet over fire formiddage.",
	  M_PEER, -1, 8, 0, 0, CM(C_FAG), PM(P_SOC) | PM(P_ADM),
	  { { -1, 9, 2, 28, 3 }, { 1, 2, 3, 28, 3 } } },
	{ "Sidemandsoplæring: Klub og skole i hinandens praksis", "Ungdomshuset Østerå", "Ungdomshuset Østerå og Skovbrynet Skole",
	  "En klubpædagog og en lærer følger hinandens arbejde og samler op på, hvad de kan bruge.",
	  M_PEER, -1, 12, 0, 1, CM(C_TVAER) | CM(C_REL), PM(P_PAED) | PM(P_LAER),
	  { { 0, 5, 4, 42, 4 }, { 1, 3, 1, 42, 3 } } },
	{ "Sidemandsoplæring: Ny i sundhedsplejen", "Sundhedsplejen", "Hjemmebesøg i distriktet",
	  "Nyansatte sundhedsplejersker går med på hjemmebesøg hos en erfaren kollega.",
	  M_PEER, -1, 20, 0, 0, CM(C_FAG), PM(P_SUND),
	  { { -1, 2, 1, 60, 2 } } },
	{ "Netværk: Tidlig indsats på tværs af institutioner", "PPR", "Skiftevis i de deltagende huse",
	  "Fire møder om året, hvor fagfolk fra skole, dagtilbud, PPR, sundhedspleje og familieområdet drøfter anonyme sager.",
	  M_NET, -1, 16, 0, 1, CM(C_TVAER), PM(P_PAED) | PM(P_LAER) | PM(P_SOC) | PM(P_PSYK) | PM(P_SUND),
	  { { -1, 2, 6, 270, 20 }, { 0, 2, 5, 270, 20 } } },
	{ "Netværk for ressourcepædagoger og AKT-lærere", "Børn & Unge, Pædagogisk Udvikling", "Skovbrynet Skole, mødelokale B",
	  "Faglig sparring og videndeling mellem ressourcepersonerne fra skolerne og husene.",
	  M_NET, -1, 12, 0, 1, CM(C_FAG) | CM(C_TVAER), PM(P_PAED) | PM(P_LAER),
	  { { 0, 1, 20, 150, 15 }, { 1, 1, 19, 150, 15 } } },
	{ "Supervision: Faglig sparring i børnesager", "Ekstern supervisor", "Familiecentret, mødelokalet",
	  "Gruppesupervision ved en ekstern psykolog, seks gange to timer.",
	  M_SUP, -1, 12, 6000, 0, CM(C_PERS) | CM(C_REL), PM(P_SOC) | PM(P_PSYK),
	  { { -1, 3, 2, 90, 6 }, { 1, 2, 1, 90, 3 } } },
	{ "Supervision for ledere i Børn & Unge", "Kommunens HR", "Rådhuset, lille mødelokale",
	  "Ledersupervision i små grupper om de svære beslutninger og egen rolle som leder.",
	  M_SUP, -1, 9, 4500, 0, CM(C_PERS), PM(P_LED),
	  { { 0, 2, 10, 100, 5 }, { 1, 2, 9, 100, 5 } } },
	{ "Kursus: Motiverende samtale med unge", "UC SYD", "Ungdomshuset Østerå, mødelokalet",
	  "Tre dage om samtaleteknik, der hjælper unge med at finde deres egen motivation for forandring.",
	  M_KUR, -1, 21, 4800, 1, CM(C_REL) | CM(C_FAG), PM(P_PAED) | PM(P_LAER) | PM(P_SOC),
	  { { REL, 0, -27, 2, 14 }, { 1, 9, 14, 2, 16 } } },
};
#define N_DEMO_ACTS (int)(sizeof demo_acts / sizeof demo_acts[0])

/* The follow-up loop told through named people, on sessions dated from
 * today, so that every state shows whatever day the demo is made and the
 * README can name logins to try. A person's state: 'd' due (not written),
 * 'w' written and waiting for the leader, 'c' closed, 'a' closed with an
 * action into practice, 'p' closed with an action and a peer-training
 * session started from it. Days are counted back from today. A
 * colleague's state: 'a' asked, 'y' answered, 'n' declined. */
struct story_col { const char *login; char state; };
struct story {
	const char *login;
	char state;
	int written_ago, done_ago, text;
	struct story_col col[3];
};
struct story_session {
	const char *title; /* the demo activity */
	int start;         /* days from today */
	struct story people[5];
};
static const struct story_session stories[] = {
	/* ended long ago: due 67 days ago, so late beyond the escalation weeks */
	{ "Kursus: Konflikthåndtering med børn og unge", -110, {
		{ "rk", 'd', 0, 0, 0, { { NULL, 0 } } },
		{ "ik", 'w', 75, 0, 3, { { "sb", 'y' }, { "no", 'n' } } },
		{ "gh", 'a', 70, 55, 3, { { "kl", 'y' }, { "lf", 'y' } } },
		{ "mbr", 'c', 68, 60, 1, { { "frs", 'y' } } },
	} },
	/* due 17 days ago */
	{ "Kursus: Angst og mistrivsel hos unge", -60, {
		{ "th", 'w', 21, 0, 1, { { "cv", 'y' }, { "jn", 'a' }, { "ba", 'y' } } },
		{ "fs", 'd', 0, 0, 0, { { NULL, 0 } } },
		{ "no", 'p', 25, 12, 2, { { "th", 'y' } } },
		{ "sb", 'w', 4, 0, 4, { { "rk", 'y' }, { "agm", 'n' } } },
	} },
	/* due in ten days */
	{ "Kursus: Skriv kort og klart i børnesager", -32, {
		{ "sg", 'd', 0, 0, 0, { { NULL, 0 } } },
		{ "hmr", 'w', 3, 0, 2, { { "ak", 'a' }, { "jno", 'a' } } },
	} },
};
/* Where a story's leader starts a peer-training session ('p'): in two
 * weeks, the person and their colleagues enrolled. */
static const char story_peer[] = "Sidemandsoplæring: Klub og skole i hinandens praksis";

/* ---- vocabularies of the generated municipality ---- */

static const char *const first_names[] = {
	"Anne", "Mette", "Hanne", "Susanne", "Lone", "Pia", "Bente", "Camilla", "Louise", "Maja",
	"Sofie", "Ida", "Emma", "Freja", "Laura", "Julie", "Signe", "Line", "Nanna", "Cecilie",
	"Amalie", "Karen", "Kirsten", "Inger", "Birgitte", "Marianne", "Dorthe", "Helle", "Tina", "Trine",
	"Stine", "Rikke", "Charlotte", "Katrine", "Lærke", "Åse", "Bodil", "Gitte", "Malene", "Josefine",
	"Astrid", "Ellen", "Agnete", "Karoline", "Mathilde", "Clara", "Ingrid", "Tove", "Grethe", "Merete",
	"Søren", "Jørgen", "Bjørn", "Åge", "Aage", "Rasmus", "Mads", "Mikkel", "Frederik", "Jonas",
	"Kasper", "Anders", "Henrik", "Thomas", "Martin", "Peter", "Lars", "Jens", "Niels", "Ole",
	"Morten", "Jesper", "Torben", "Michael", "Christian", "Nikolaj", "Jakob", "Emil", "Oliver", "Lucas",
	"Magnus", "Mathias", "Tobias", "Sebastian", "Simon", "Steffen", "Klaus", "Bo", "Carsten", "Kåre",
	"Sune", "Troels", "Bent", "Poul", "Erik", "Flemming", "Knud", "Asger", "Ebbe", "Amira",
};
static const char *const last_names[] = {
	"Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen",
	"Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen",
	"Knudsen", "Jakobsen", "Mikkelsen", "Frederiksen", "Laursen", "Henriksen", "Lund", "Schmidt", "Eriksen", "Holm",
	"Kristiansen", "Clausen", "Simonsen", "Svendsen", "Andreasen", "Iversen", "Jeppesen", "Vestergaard", "Mogensen", "Nissen",
	"Lauridsen", "Kjær", "Jessen", "Søndergaard", "Bach", "Østergaard", "Dahl", "Nørgaard", "Kjærgaard", "Bæk",
	"Ågård", "Aagaard", "Østergård", "Bøgh", "Brøndum", "Krøyer", "Skærbæk", "Frølund", "Grønbæk", "Højgaard",
	"Højer", "Løvendahl", "Mølgaard", "Ørum", "Lykkegård", "Blæsbjerg", "Vænge", "Bækkelund", "Sølvsten", "Østerby",
	"Brønnum", "Kjølby", "Nørregård", "Gjørup", "Kærsgaard", "Holmgård", "Lyngsø", "Mørk", "Aaskov", "Ravnsbæk",
	"Dalsgård", "Thorsø", "Søgaard", "Kræmmer", "Lærkesen", "Dybdahl", "Fløe", "Ærø", "Bjørnskov", "Hjørne",
	"Sønderby", "Brødsgaard", "Fænø", "Åkjær", "Aaby", "Ørsted", "Skovgård", "Damgaard", "Friis", "Haddad",
};
#define NFIRST (int)(sizeof first_names / sizeof first_names[0])
#define NLAST (int)(sizeof last_names / sizeof last_names[0])

static const char *const places[] = {
	"Skovbrynet", "Ådalen", "Østerå", "Søholm", "Lærkevang", "Bækkely", "Fælleden", "Grønnegården",
	"Højager", "Kærgården", "Møllebakken", "Nørreled", "Rønnebær", "Tjørnehøj", "Vestervang", "Ørnereden",
	"Åbakken", "Egeløkke", "Bøgely", "Hasselgården", "Kildevang", "Lindegården", "Mosegården", "Pilehøj",
	"Rosengården", "Solsikken", "Stjernevang", "Valmuen", "Æblehaven", "Fyrrebakken", "Havørnen", "Engbo",
	"Kløverhøj", "Mågevej", "Sølyst", "Tranehøj", "Vibevang", "Ølstykke Mark", "Ågerup", "Bjerregården",
};
#define NPLACES (int)(sizeof places / sizeof places[0])

/* Kinds of generated institution: name pattern, leader title, its three
 * teams, and the professions of its staff (drawn uniformly). */
struct inst_type {
	const char *fmt, *leader, *teams[3];
	int profs[10];
};
static const struct inst_type inst_types[] = {
	{ "%s Skole", "Skoleleder", { "Indskoling", "Mellemtrin", "Udskoling" },
	  { P_LAER, P_LAER, P_LAER, P_LAER, P_LAER, P_LAER, P_PAED, P_PAED, P_PAED, P_ASS } },
	{ "Børnehuset %s", "Dagtilbudsleder", { "Vuggestuen", "Børnehaven", "Naturgruppen" },
	  { P_PAED, P_PAED, P_PAED, P_PAED, P_PAED, P_PAED, P_ASS, P_ASS, P_ASS, P_ASS } },
	{ "Ungdomshuset %s", "Ungdomsskoleleder", { "Klubben", "Ungdomsskolen", "10. klasse" },
	  { P_PAED, P_PAED, P_PAED, P_PAED, P_PAED, P_LAER, P_LAER, P_LAER, P_LAER, P_SOC } },
	{ "Familiehuset %s", "Familiecenterleder", { "Familiebehandling", "Myndighed", "Forebyggelse" },
	  { P_SOC, P_SOC, P_SOC, P_SOC, P_SOC, P_SOC, P_SOC, P_PAED, P_PAED, P_PSYK } },
	{ "Sundhedshuset %s", "Leder af PPR og sundhedspleje", { "Sundhedsplejen", "Psykologerne", "Tale-høre" },
	  { P_SUND, P_SUND, P_SUND, P_SUND, P_SUND, P_PSYK, P_PSYK, P_PSYK, P_PSYK, P_LAER } },
};
/* Which kind each institution is, in turn: schools and day care most. */
static const int inst_pattern[8] = { 0, 1, 1, 0, 2, 1, 3, 4 };

struct topic { const char *name; unsigned comps, profs; };
static const struct topic topics[] = {
	{ "Børns sprog og samtaler", CM(C_FAG), PM(P_PAED) | PM(P_ASS) | PM(P_SUND) },
	{ "Leg og læring", CM(C_FAG) | CM(C_REL), PM(P_PAED) | PM(P_ASS) },
	{ "Trivsel i klassen", CM(C_REL), PM(P_LAER) | PM(P_PAED) },
	{ "Fravær og tidlig opsporing", CM(C_TVAER), PM(P_LAER) | PM(P_SOC) | PM(P_PSYK) },
	{ "Forældresamarbejde", CM(C_REL), PM_CARE },
	{ "Digital dannelse", CM(C_FAG), PM(P_LAER) | PM(P_PAED) },
	{ "Bevægelse i hverdagen", CM(C_FAG), PM(P_PAED) | PM(P_LAER) | PM(P_ASS) },
	{ "Unges mentale sundhed", CM(C_FAG) | CM(C_REL), PM(P_PAED) | PM(P_LAER) | PM(P_PSYK) | PM(P_SOC) },
	{ "Neurodiversitet i praksis", CM(C_FAG), PM_CARE },
	{ "Traumebevidst pædagogik", CM(C_REL), PM(P_PAED) | PM(P_SOC) | PM(P_PSYK) },
	{ "Mentalisering", CM(C_PERS) | CM(C_REL), PM_CARE },
	{ "Overgange og sammenhæng", CM(C_TVAER), PM(P_PAED) | PM(P_LAER) | PM(P_SUND) },
	{ "Tværfagligt samarbejde om børn", CM(C_TVAER), PM_CARE },
	{ "Børnefaglige undersøgelser", CM(C_FAG), PM(P_SOC) | PM(P_PSYK) },
	{ "Motivation og mestring", CM(C_PERS), PM_ALL },
	{ "Konflikter og mægling", CM(C_REL), PM(P_PAED) | PM(P_LAER) | PM(P_ASS) },
	{ "Udeskole og natur", CM(C_FAG), PM(P_LAER) | PM(P_PAED) },
	{ "Mobning og fællesskaber", CM(C_REL) | CM(C_TVAER), PM(P_LAER) | PM(P_PAED) | PM(P_PSYK) },
	{ "Seksualitet og grænser", CM(C_FAG), PM(P_PAED) | PM(P_LAER) | PM(P_SUND) },
	{ "Familier i krise", CM(C_TVAER) | CM(C_REL), PM(P_SOC) | PM(P_SUND) | PM(P_PSYK) },
	{ "Ledelse af fagprofessionelle", CM(C_PERS), PM(P_LED) },
	{ "Kommunikation med børn", CM(C_REL), PM_CARE },
	{ "Arbejdsmiljø og trivsel", CM(C_PERS), PM_ALL },
	{ "Sundhed og søvn", CM(C_FAG), PM(P_SUND) | PM(P_PAED) },
	{ "Inkluderende læringsmiljøer", CM(C_FAG) | CM(C_TVAER), PM(P_LAER) | PM(P_PAED) },
};
#define NTOPICS (int)(sizeof topics / sizeof topics[0])
static const char *const method_prefix[NMETH] = {
	"Diplommodul", "Kursus", "Temadag", "Konference", "E-læring", "Sidemandsoplæring", "Netværk", "Supervision",
};
static const char *const providers[] = {
	"VIA University College", "UC SYD", "Kommunens HR", "PPR", "Børn & Unge, Pædagogisk Udvikling",
	"Sundhedsplejen", "Ekstern konsulent",
};
static const char *const session_places[] = {
	"Rådhuset, mødesal 1", "Rådhuset, mødesal 2", "Kulturhuset, store sal", "Online",
	"Uddannelsescentret, lokale 12", "Konferencecentret ved fjorden", "Biblioteket, mødelokalet",
	"Skiftevis i de deltagende huse",
};
#define N_OF(a) (int)(sizeof (a) / sizeof (a)[0])

/* ---- generator state ---- */

struct unit_g { int64_t id, leader; int parent, kind, itype; char *name; };
struct person_g {
	int64_t id, manager; /* manager: who agrees the plan, 0 if nobody */
	int unit;
	unsigned char prof;
	short from_year, left_year; /* left_year 0: still employed */
};
struct act_g { int64_t id; int method, price; unsigned profs; };
struct shared_g { int64_t id; char starts[11]; }; /* a peer or network session */
struct sess_g {
	const struct act_g *a;
	int64_t id;
	int serial, year, cap, taken, waiting;
	int when; /* -1 over, 0 running, 1 not started */
	char starts[11], ends[11];
};

typedef struct gen {
	kdb *db;
	const kactor *who;
	kerr *e;
	uint64_t rng;
	int demo;
	int year, y0, nyears; /* Y; plans cover y0 .. y0+nyears-1 */
	char today[11];
	demo_summary *sum;
	int64_t prof_id[NPROF], comp_id[NCOMP], admin_id;
	int64_t focus[5][3];
	int nfocus[5];
	int weeks[NMETH];
	struct unit_g *units;
	int nunits;
	struct person_g *people;
	int npeople;
	int64_t *goal0;          /* per person and plan year: first goal id */
	unsigned char *ngoal;    /* ... and how many (0: no plan) */
	signed char *tmpl0;      /* ... and the first goal's text */
	int *mark;               /* per person: last session picked for */
	struct act_g *acts;
	int nacts, serial;
	/* the follow-up loop: its own random stream, so that adding it left
	 * the rest of the demo as it was */
	uint64_t rng2;
	int colleague_weeks;
	int *unit_first, *unit_staff; /* people by unit: unit_staff[unit_first[u] ..] */
	struct shared_g *shared;      /* peer and network sessions made so far */
	int nshared, shared_cap;
} gen;

#define TRY(x) do { if (x) return g->e->code; } while (0)

/* xorshift64*: fixed seeds, so every run builds the same data */
static uint32_t xorshift(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return (uint32_t)((*state * 0x2545F4914F6CDD1DULL) >> 32);
}

static uint32_t rnd(gen *g)
{
	return xorshift(&g->rng);
}

static uint32_t rnd2(gen *g)
{
	return xorshift(&g->rng2);
}

static int rnd_n(gen *g, int n)
{
	return n > 0 ? (int)(rnd(g) % (uint32_t)n) : 0;
}

static kcode nomem(gen *g)
{
	return kerr_set(g->e, KE_NOMEM, "%s", _("Out of memory."));
}

/* ---- dates ---- */

static void ymd(char out[11], int y, int m, int d)
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

static void add_days(char out[11], const char *iso, int days)
{
	char t[11];
	if (date_add_days(iso, days, t) == 0)
		memcpy(out, t, 11);
	else if (out != iso)
		memcpy(out, iso, 11);
}

/* Day doy (0-based) of year y. */
static void day_of_year(char out[11], int y, int doy)
{
	char jan1[11];
	ymd(jan1, y, 1, 1);
	add_days(out, jan1, doy);
}

/* Nothing in the demo has happened after today. */
static void not_after_today(const gen *g, char d[11])
{
	if (strcmp(d, g->today) > 0)
		memcpy(d, g->today, 11);
}

static void stamp(char out[20], const char *day, uint32_t r)
{
	snprintf(out, 20, "%.10s %02u:%02u:00", day, 8 + r % 8, (r / 8) % 60);
}

static int works_in(const struct person_g *p, int year)
{
	return p->from_year <= year && (!p->left_year || p->left_year >= year);
}

/* ---- inserts: one cached statement each ---- */

static const char SQL_UNIT[] = "INSERT INTO unit(parent_id, name, kind, sort_key) VALUES (?,?,?,?)";
static const char SQL_PROF[] = "INSERT INTO profession(name, sort_key) VALUES (?,?)";
static const char SQL_STAFF[] = "INSERT INTO staff(login, name, initials, email, unit_id, profession_id,"
	" role, title, employed_from, employed_to, active, sort_key, fold)"
	" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";
static const char SQL_LEADER[] = "INSERT INTO unit_leader(unit_id, staff_id, since) VALUES (?,?,?)";
static const char SQL_FOCUS[] = "INSERT INTO focus_area(year, title, description) VALUES (?,?,?)";
static const char SQL_PLAN[] = "INSERT INTO plan(staff_id, year, status, mus_date, notes, agreed_by,"
	" agreed_at, accepted_at, evaluation, evaluated_by, evaluated_at, created_at)"
	" VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
static const char SQL_GOAL[] = "INSERT INTO goal(plan_id, pos, competence_id, focus_id, what, why,"
	" criteria, deadline, status, result, carried_from) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
static const char SQL_ACT[] = "INSERT INTO activity(title, method, provider, description, ects, hours,"
	" price, cross_prof, sort_key, fold) VALUES (?,?,?,?,?,?,?,?,?,?)";
static const char SQL_ACT_COMP[] = "INSERT INTO activity_competence(activity_id, competence_id) VALUES (?,?)";
static const char SQL_ACT_PROF[] = "INSERT INTO activity_profession(activity_id, profession_id) VALUES (?,?)";
static const char SQL_SESSION[] = "INSERT INTO session(activity_id, starts, ends, place, capacity,"
	" signup_deadline) VALUES (?,?,?,?,?,?)";
static const char SQL_PART[] = "INSERT INTO participation(staff_id, session_id, goal_id, status,"
	" requested_at, decided_by, decided_at, note, reason, wait_pos, price)"
	" VALUES (?,?,?,?,?,?,?,?,?,?,?)";
static const char SQL_FOLLOWUP[] = "INSERT INTO followup(participation_id, due, learned, practice,"
	" shared_with, leader_comment, done_at, done_by, written_at, action, action_date, shared_via)"
	" VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
static const char SQL_FUCOL[] = "INSERT INTO followup_colleague(followup_id, staff_id, state, due,"
	" seen, own_use, wants_more, reason, asked_by, asked_at, answered_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
static const char SQL_BUDGET[] = "INSERT INTO budget(unit_id, year, amount) VALUES (?,?,?)";

/* Runs the bound statement st; *id gets the new row's id. */
static kcode run_insert(gen *g, sqlite3_stmt *st, int64_t *id)
{
	if (db_exec_stmt(g->db, st, g->e))
		return g->e->code;
	if (id)
		*id = db_last_id(g->db);
	return KE_OK;
}

static kcode ins_unit(gen *g, int parent, const char *name, int kind)
{
	struct unit_g *u = &g->units[g->nunits];
	memset(u, 0, sizeof *u);
	u->parent = parent;
	u->kind = kind;
	char *key = text_sortkey(name);
	if (!key || !(u->name = strdup(name))) {
		free(key);
		return nomem(g);
	}
	g->nunits++;
	sqlite3_stmt *st = db_stmt(g->db, SQL_UNIT, g->e);
	kcode c = st ? db_bind(g->db, st, g->e, KV_ID0(parent >= 0 ? g->units[parent].id : (int64_t)0),
			       KV_TEXT(name), KV_TEXT(kind_codes[kind]), KV_TEXT(key)) : g->e->code;
	free(key);
	if (!c)
		c = run_insert(g, st, &u->id);
	if (!c)
		g->sum->units++;
	return c;
}

static kcode ins_professions(gen *g)
{
	for (int i = 0; i < NPROF; i++) {
		char *key = text_sortkey(prof_names[i]);
		if (!key)
			return nomem(g);
		sqlite3_stmt *st = db_stmt(g->db, SQL_PROF, g->e);
		kcode c = st ? db_bind(g->db, st, g->e, KV_TEXT(prof_names[i]), KV_TEXT(key)) : g->e->code;
		free(key);
		TRY(c || run_insert(g, st, &g->prof_id[i]));
	}
	return KE_OK;
}

/* The competence areas and follow-up delays come with the schema. */
static kcode read_fixed(gen *g)
{
	for (int i = 0; i < NCOMP; i++) {
		sqlite3_stmt *st = db_stmt(g->db, "SELECT id FROM competence_area WHERE code = ?", g->e);
		TRY(!st || db_bind(g->db, st, g->e, KV_TEXT(comp_codes[i])));
		int rc = db_step(g->db, st, g->e);
		if (rc < 0)
			return g->e->code;
		g->comp_id[i] = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (!g->comp_id[i])
			return kerr_set(g->e, KE_DB, _("The competence area '%s' is missing from the database."), comp_codes[i]);
	}
	for (int i = 0; i < NMETH; i++) {
		sqlite3_stmt *st = db_stmt(g->db, "SELECT weeks FROM method_followup WHERE method = ?", g->e);
		TRY(!st || db_bind(g->db, st, g->e, KV_TEXT(method_codes[i])));
		int rc = db_step(g->db, st, g->e);
		if (rc < 0)
			return g->e->code;
		g->weeks[i] = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 6;
		sqlite3_reset(st);
	}
	int64_t weeks = 2;
	TRY(db_scalar(g->db, "SELECT coalesce((SELECT weeks FROM followup_setting WHERE key = 'colleague_weeks'), 2)",
		      0, &weeks, g->e));
	g->colleague_weeks = (int)weeks;
	return KE_OK;
}

/* One staff member, employed since Y-years in month (never after today);
 * with left_month, deactivated since the end of that month of left_year. */
static kcode ins_person(gen *g, const char *name, const char *initials, const char *login,
			const char *title, int unit, int prof, const char *role, int years, int month,
			int left_year, int left_month)
{
	struct person_g *p = &g->people[g->npeople];
	memset(p, 0, sizeof *p);
	p->unit = unit;
	p->prof = (unsigned char)prof;
	char from[11], to[11] = "", email[48];
	ymd(from, g->year - years, month, 1);
	not_after_today(g, from);
	p->from_year = (short)atoi(from);
	if (left_month) {
		char next[11];
		ymd(next, left_year + left_month / 12, left_month % 12 + 1, 1);
		add_days(to, next, -1);
		if (strcmp(to, from) < 0)
			memcpy(to, from, 11);
		p->left_year = (short)atoi(to);
	}
	snprintf(email, sizeof email, "%s@example.dk", login);
	char *key = text_sortkey(name);
	char *fold = staff_fold_text(name, initials, title, g->units[unit].name, login);
	sqlite3_stmt *st = key && fold ? db_stmt(g->db, SQL_STAFF, g->e) : NULL;
	kcode c = !key || !fold ? nomem(g) : !st ? g->e->code
		: db_bind(g->db, st, g->e, KV_TEXT(login), KV_TEXT(name), KV_TEXT(initials), KV_TEXT(email),
			  KV_INT(g->units[unit].id), KV_ID0(g->prof_id[prof]), KV_TEXT(role), KV_TEXT(title), KV_TEXT0(from), KV_TEXT0(to), KV_INT(left_month ? 0 : 1), KV_TEXT(key), KV_TEXT(fold));
	free(key);
	free(fold);
	if (!c)
		c = run_insert(g, st, &p->id);
	if (c)
		return c;
	g->npeople++;
	g->sum->staff++;
	if (!strcmp(role, "admin") && !g->admin_id)
		g->admin_id = p->id;
	if (!strcmp(role, "leader") && !g->units[unit].leader) {
		g->units[unit].leader = p->id;
		st = db_stmt(g->db, SQL_LEADER, g->e);
		TRY(!st || db_bind(g->db, st, g->e, KV_INT(g->units[unit].id), KV_INT(p->id), KV_TEXT(from)) ||
		    run_insert(g, st, NULL));
	}
	return KE_OK;
}

/* Whoever agrees a person's plan: the leader of their unit, or for the
 * leader of that unit, the nearest leader above. */
static void set_managers(gen *g)
{
	for (int i = 0; i < g->npeople; i++) {
		struct person_g *p = &g->people[i];
		int u = p->unit;
		while (u >= 0 && (!g->units[u].leader || g->units[u].leader == p->id))
			u = g->units[u].parent;
		p->manager = u >= 0 ? g->units[u].leader : 0;
	}
	/* decisions without a leader above fall to the admin, or in a
	 * municipality too small to have one, to the top leader */
	if (!g->admin_id && g->npeople)
		g->admin_id = g->people[0].id;
}

static kcode ins_focus_areas(gen *g)
{
	for (int i = 0; i < N_FOCUS_TEXTS; i++) {
		const struct focus_text *f = &focus_texts[i];
		int yi = g->year + f->yoff - g->y0;
		if (yi < 0 || yi >= g->nyears || g->nfocus[yi] >= 3)
			continue;
		sqlite3_stmt *st = db_stmt(g->db, SQL_FOCUS, g->e);
		TRY(!st || db_bind(g->db, st, g->e, KV_INT(g->year + f->yoff), KV_TEXT(f->title), KV_TEXT(f->desc)) ||
		    run_insert(g, st, &g->focus[yi][g->nfocus[yi]++]));
	}
	return KE_OK;
}


static kcode ins_activity(gen *g, const char *title, const char *provider, const char *desc,
			  int method, double ects, double hours, int price, int cross,
			  unsigned comps, unsigned profs)
{
	struct act_g *a = &g->acts[g->nacts];
	a->method = method;
	a->price = price;
	a->profs = profs;
	char *key = text_sortkey(title), *fold = activity_fold_text(title, provider, method_codes[method]);
	sqlite3_stmt *st = key && fold ? db_stmt(g->db, SQL_ACT, g->e) : NULL;
	kcode c = !key || !fold ? nomem(g) : !st ? g->e->code
		: db_bind(g->db, st, g->e, KV_TEXT(title), KV_TEXT(method_codes[method]), KV_TEXT(provider), KV_TEXT(desc),
			  KV_REAL0(ects), KV_REAL0(hours), KV_INT((int64_t)price), KV_INT(cross), KV_TEXT(key), KV_TEXT(fold));
	free(key);
	free(fold);
	TRY(c || run_insert(g, st, &a->id));
	for (int i = 0; i < NCOMP; i++)
		if (comps & CM(i)) {
			st = db_stmt(g->db, SQL_ACT_COMP, g->e);
			TRY(!st || db_bind(g->db, st, g->e, KV_INT(a->id), KV_INT(g->comp_id[i])) || run_insert(g, st, NULL));
		}
	for (int i = 0; i < NPROF && profs != PM_ALL; i++)
		if (profs & PM(i)) {
			st = db_stmt(g->db, SQL_ACT_PROF, g->e);
			TRY(!st || db_bind(g->db, st, g->e, KV_INT(a->id), KV_INT(g->prof_id[i])) || run_insert(g, st, NULL));
		}
	g->nacts++;
	g->sum->activities++;
	return KE_OK;
}

/* ---- plans and goals ---- */

enum { PS_DRAFT, PS_AGREED, PS_EVALUATED };
static const char *const plan_status[] = { "draft", "agreed", "evaluated" };

static int plan_state(const gen *g, int year, const char *mus, int roll)
{
	if (year < g->year) /* earlier years are mostly closed */
		return roll < 80 ? PS_EVALUATED : roll < 93 ? PS_AGREED : PS_DRAFT;
	if (roll < 12 || strcmp(mus, g->today) > 0)
		return PS_DRAFT;
	char half[11];
	add_days(half, mus, 200);
	return roll < 22 && strcmp(half, g->today) <= 0 ? PS_EVALUATED : PS_AGREED;
}

static const char *goal_state(int plan, int roll)
{
	if (plan == PS_DRAFT)
		return roll < 80 ? "open" : "in_progress";
	if (plan == PS_AGREED)
		return roll < 35 ? "open" : roll < 80 ? "in_progress" : roll < 95 ? "done" : "dropped";
	return roll < 65 ? "done" : roll < 78 ? "in_progress" : roll < 90 ? "dropped" : "open";
}

static kcode ins_goal(gen *g, int64_t plan_id, int pos, int t, int year, int pstate,
		      const char *mus, int64_t carried, const uint32_t *r, int64_t *id)
{
	const struct goal_text *gt = &goal_texts[t];
	int yi = year - g->y0;
	int64_t focus = g->nfocus[yi] && r[0] % 100 < 45 ? g->focus[yi][r[1] % (uint32_t)g->nfocus[yi]] : 0;
	char deadline[11], yend[11];
	ymd(yend, year, 12, 31);
	if (r[2] % 3 == 0)
		ymd(deadline, year, 6, 30);
	else if (r[2] % 3 == 1)
		memcpy(deadline, yend, 11);
	else {
		add_days(deadline, mus, 120 + (int)(r[3] % 120));
		if (strcmp(deadline, yend) > 0)
			memcpy(deadline, yend, 11);
	}
	const char *status = goal_state(pstate, (int)(r[4] % 100));
	const char *result = "";
	if (pstate == PS_EVALUATED)
		result = !strcmp(status, "done") ? goal_results[r[5] % 2]
		       : !strcmp(status, "dropped") ? goal_results[3]
		       : !strcmp(status, "in_progress") ? goal_results[2] : "";
	sqlite3_stmt *st = db_stmt(g->db, SQL_GOAL, g->e);
	TRY(!st || db_bind(g->db, st, g->e, KV_INT(plan_id), KV_INT(pos), KV_INT(g->comp_id[gt->comp]), KV_ID0(focus),
			   KV_TEXT(gt->what), KV_TEXT(gt->why), KV_TEXT(gt->criteria), KV_TEXT0(deadline), KV_TEXT(status), KV_TEXT(result), KV_ID0(carried)));
	return run_insert(g, st, id);
}

/* One person's plan for a year, if they have one; fills goal0/ngoal/tmpl0.
 * The same number of random draws is made whatever happens, so the data of
 * one year does not shift with today's date. */
static kcode make_plan(gen *g, int pi, int year, int coverage)
{
	uint32_t r[10];
	for (int k = 0; k < 10; k++)
		r[k] = rnd(g);
	const struct person_g *p = &g->people[pi];
	size_t slot = (size_t)pi * (size_t)g->nyears + (size_t)(year - g->y0);
	g->ngoal[slot] = 0;
	if (!works_in(p, year) || !p->manager || (int)(r[0] % 100) >= coverage)
		return KE_OK;
	char mus[11], agreed[20] = "", accepted[20] = "", evaluated[20] = "", created[20], d[11];
	day_of_year(mus, year, 10 + (int)(r[1] % 170));
	int ps = plan_state(g, year, mus, (int)(r[2] % 100));
	add_days(d, mus, -10 - (int)(r[3] % 20));
	not_after_today(g, d);
	stamp(created, d, r[3]);
	if (ps != PS_DRAFT) {
		add_days(d, mus, (int)(r[4] % 4));
		not_after_today(g, d);
		stamp(agreed, d, r[4]);
		if (r[5] % 100 < 85) {
			add_days(d, d, 1 + (int)(r[5] % 5));
			not_after_today(g, d);
			stamp(accepted, d, r[5] >> 8);
		}
	}
	if (ps == PS_EVALUATED) {
		day_of_year(d, year, 320 + (int)(r[6] % 55));
		not_after_today(g, d);
		stamp(evaluated, d, r[6] >> 8);
	}
	int64_t mgr = ps != PS_DRAFT ? p->manager : 0, plan_id = 0;
	sqlite3_stmt *st = db_stmt(g->db, SQL_PLAN, g->e);
	TRY(!st || db_bind(g->db, st, g->e, KV_INT(p->id), KV_INT(year), KV_TEXT(plan_status[ps]), KV_TEXT0(mus),
			   KV_TEXT(plan_notes[r[7] % N_OF(plan_notes)]), KV_ID0(mgr), KV_TEXT0(agreed), KV_TEXT0(accepted),
			   KV_TEXT(ps == PS_EVALUATED ? plan_evaluations[r[8] % N_OF(plan_evaluations)] : ""),
			   KV_ID0(ps == PS_EVALUATED ? p->manager : (int64_t)0), KV_TEXT0(evaluated), KV_TEXT(created)) ||
	    run_insert(g, st, &plan_id));
	g->sum->plans++;

	int n = g->demo ? 1 + (int)(r[9] % 4) : 2 + (int)(r[9] % 3);
	int t0 = (int)((r[9] >> 8) % N_GOAL_TEXTS);
	/* a goal not finished last year is sometimes carried into this one */
	int64_t carried = 0;
	if (year > g->y0 && g->ngoal[slot - 1] && (r[9] >> 16) % 100 < 15) {
		carried = g->goal0[slot - 1];
		t0 = g->tmpl0[slot - 1];
	}
	for (int k = 0; k < n; k++) {
		uint32_t gr[6];
		for (int j = 0; j < 6; j++)
			gr[j] = rnd(g);
		int64_t gid = 0;
		/* 7 is prime to 20: the goals of a plan never repeat a text */
		TRY(ins_goal(g, plan_id, k + 1, (t0 + 7 * k) % N_GOAL_TEXTS, year, ps, mus,
			     k == 0 ? carried : 0, gr, &gid));
		if (k == 0)
			g->goal0[slot] = gid;
	}
	g->ngoal[slot] = (unsigned char)n;
	g->tmpl0[slot] = (signed char)t0;
	return KE_OK;
}

static kcode make_plans(gen *g)
{
	for (int y = g->y0; y < g->y0 + g->nyears; y++)
		for (int i = 0; i < g->npeople; i++)
			TRY(make_plan(g, i, y, g->demo ? 82 : 86));
	return KE_OK;
}

/* ---- sessions, participation and follow-up ---- */

/* A colleague for person pi to name on a follow-up of that year: mostly
 * from their own unit or the one above, a quarter from anywhere (other
 * institutions: that is what networks are for); active, not pi, not one
 * of taken. -1 if none turned up. */
static int pick_colleague(gen *g, int pi, int year, const int *taken, int ntaken)
{
	const struct person_g *p = &g->people[pi];
	for (int tries = 0; tries < 8; tries++) {
		uint32_t r = rnd2(g);
		int c, u = p->unit, roll = (int)(r % 100);
		if (roll < 25)
			c = (int)((r >> 8) % (uint32_t)g->npeople);
		else {
			if (roll >= 85 && g->units[u].parent >= 0)
				u = g->units[u].parent;
			int n = g->unit_first[u + 1] - g->unit_first[u];
			if (n <= 0)
				continue;
			c = g->unit_staff[g->unit_first[u] + (int)((r >> 8) % (uint32_t)n)];
		}
		const struct person_g *q = &g->people[c];
		int dup = c == pi || q->left_year || q->from_year > year;
		for (int k = 0; k < ntaken && !dup; k++)
			dup = taken[k] == c;
		if (!dup)
			return c;
	}
	return -1;
}

/* One colleague's part, asked on `asked` by asked_by: state 'a' asked,
 * 'y' answered, 'n' declined; r picks texts and the day of the answer. */
static kcode ins_colleague(gen *g, int64_t fu_id, int ci, int64_t asked_by, const char *asked, char state, uint32_t r)
{
	char due[11], asked_at[20], answered[11] = "", last[11];
	add_days(due, asked, 7 * g->colleague_weeks);
	stamp(asked_at, asked, r >> 20);
	if (state != 'a') { /* answered within their time or a little after */
		add_days(last, due, 10);
		not_after_today(g, last);
		int span = date_diff_days(asked, last);
		add_days(answered, asked, span > 0 ? (int)((r >> 4) % (uint32_t)(span + 1)) : 0);
	}
	int n = (int)(r >> 8);
	sqlite3_stmt *st = db_stmt(g->db, SQL_FUCOL, g->e);
	TRY(!st || db_bind(g->db, st, g->e, KV_INT(fu_id), KV_INT(g->people[ci].id),
			   KV_TEXT(state == 'y' ? "answered" : state == 'n' ? "declined" : "asked"), KV_TEXT(due),
			   KV_TEXT(state == 'y' ? fu_seen[n % N_OF(fu_seen)] : ""),
			   KV_TEXT(state == 'y' ? fu_own_use[(n >> 3) % N_OF(fu_own_use)] : ""),
			   KV_INT(state == 'y' && (n >> 6) % 5 < 2),
			   KV_TEXT(state == 'n' ? fu_decline[(n >> 9) % N_OF(fu_decline)] : ""),
			   KV_ID0(asked_by), KV_TEXT(asked_at), KV_TEXT0(answered)) ||
	    run_insert(g, st, NULL));
	g->sum->colleagues++;
	return KE_OK;
}

/* A peer or network session made so far that starts within a few months
 * after `from`, for a follow-up passed on there; 0 if none. */
static int64_t shared_session(const gen *g, const char *from)
{
	char until[11];
	add_days(until, from, 150);
	for (int i = g->nshared - 1, k = 0; i >= 0 && k < 40; i--, k++)
		if (strcmp(g->shared[i].starts, from) >= 0 && strcmp(g->shared[i].starts, until) <= 0)
			return g->shared[i].id;
	return 0;
}

static kcode ins_followup(gen *g, const struct sess_g *s, int64_t part_id, int pi, uint32_t r1, uint32_t r2)
{
	const struct person_g *p = &g->people[pi];
	int64_t leader = p->manager ? p->manager : g->admin_id;
	int weeks = g->weeks[s->a->method];
	char due[11], done[11] = "";
	add_days(due, s->ends, 7 * weeks);
	int roll = (int)(r1 % 100), is_done;
	if (strcmp(due, g->today) > 0) { /* not due yet; a few are done early */
		is_done = roll < 20;
		add_days(done, s->ends, 7 + (int)(r2 % 14));
	} else { /* due: most are done, the rest are overdue */
		is_done = roll < 62;
		add_days(done, due, -(int)(r2 % (uint32_t)(7 * weeks + 1)));
	}
	not_after_today(g, done);
	if (!is_done)
		done[0] = '\0';
	int wrote = is_done || roll % 3 == 0; /* some have begun their notes */
	int n = (int)(r2 >> 8);
	/* the later steps of the loop draw from their own stream */
	uint32_t x = rnd2(g), y = rnd2(g), z = rnd2(g);
	char written[11] = "", action_date[11] = "";
	int span = date_diff_days(s->ends, g->today);
	if (span < 1)
		span = 1;
	if (is_done) { /* written some days before the leader closed it */
		add_days(written, done, -(int)(x % 8));
		if (strcmp(written, s->ends) < 0)
			memcpy(written, s->ends, 11);
	} else if (wrote) { /* written since, some long enough ago that the leader is late */
		add_days(written, s->ends, 1 + (int)(x % (uint32_t)span));
		not_after_today(g, written);
	}
	const char *action = is_done && y % 100 < 55 ? fu_actions[(y >> 8) % N_OF(fu_actions)] : "";
	if (action[0] && (y >> 16) % 100 < 60)
		add_days(action_date, done, 7 + (int)((y >> 24) % 50));
	int shared = (n >> 8) % N_OF(fu_shared);
	int64_t via = is_done && (shared == 3 || shared == 4) && z % 2 ? shared_session(g, done) : 0;
	int64_t fu_id = 0;
	sqlite3_stmt *st = db_stmt(g->db, SQL_FOLLOWUP, g->e);
	TRY(!st || db_bind(g->db, st, g->e, KV_INT(part_id), KV_TEXT(due),
			   KV_TEXT(wrote ? fu_learned[n % N_OF(fu_learned)] : ""),
			   KV_TEXT(wrote ? fu_practice[(n >> 4) % N_OF(fu_practice)] : ""),
			   KV_TEXT(is_done ? fu_shared[shared] : ""),
			   KV_TEXT(is_done ? fu_comment[(n >> 12) % N_OF(fu_comment)] : ""),
			   KV_TEXT0(done), KV_ID0(is_done ? leader : (int64_t)0), KV_TEXT0(written),
			   KV_TEXT(action), KV_TEXT0(action_date), KV_ID0(via)) ||
	    run_insert(g, st, &fu_id));
	g->sum->followups++;

	/* Colleagues: named by the person when writing (or by the leader on
	 * one not yet written), one to three of them. */
	uint32_t c0 = rnd2(g);
	int ncol = 0;
	if (wrote ? c0 % 100 < 40 : c0 % 100 < 5)
		ncol = 1 + ((c0 >> 8) % 100 >= 55) + ((c0 >> 8) % 100 >= 90);
	char asked[11];
	if (wrote)
		memcpy(asked, written, 11);
	else {
		add_days(asked, s->ends, 1 + (int)((c0 >> 16) % (uint32_t)span));
		not_after_today(g, asked);
	}
	int64_t asked_by = wrote && (c0 >> 24) % 4 ? p->id : leader;
	int taken[3];
	for (int k = 0; k < ncol; k++) {
		int ci = pick_colleague(g, pi, atoi(asked), taken, k);
		if (ci < 0)
			break;
		taken[k] = ci;
		uint32_t r = rnd2(g);
		char cdue[11];
		add_days(cdue, asked, 7 * g->colleague_weeks);
		int cr = (int)(r % 100), late = strcmp(cdue, g->today) < 0;
		char state = is_done ? (cr < 80 ? 'y' : cr < 95 ? 'n' : 'a')
			   : late ? (cr < 62 ? 'y' : cr < 75 ? 'n' : 'a')
			   : (cr < 30 ? 'y' : cr < 36 ? 'n' : 'a');
		TRY(ins_colleague(g, fu_id, ci, asked_by, asked, state, r));
	}
	return KE_OK;
}

/* Status of a new participant: before a session by chance, afterwards
 * by what happened; a seat is only ever given while one is free. */
static const char *part_state(struct sess_g *s, int roll, int *wait_pos, const char **reason,
			      const char *other_reason)
{
	int seat = 0;
	const char *status;
	*wait_pos = 0;
	*reason = "";
	if (s->when < 0) {
		if (roll < 80)
			status = roll < 71 ? "completed" : "noshow", seat = 1;
		else if (roll < 90)
			status = "cancelled";
		else
			status = "rejected", *reason = other_reason;
	} else if (s->when > 0) {
		if (roll < 22)
			status = "requested";
		else if (roll < 30)
			status = "rejected", *reason = other_reason;
		else if (roll < 35)
			status = "cancelled";
		else
			status = "enrolled", seat = 1;
	} else {
		if (roll < 8)
			status = "cancelled";
		else
			status = "enrolled", seat = 1;
	}
	if (seat) {
		if (s->taken < s->cap)
			s->taken++;
		else if (s->when < 0)
			status = "rejected", *reason = full_reason;
		else
			status = "waitlisted", *wait_pos = ++s->waiting;
	}
	return status;
}

/* Someone not yet on session s who worked here that year, preferably of
 * a profession the activity is meant for; -1 if none turned up. */
static int pick_person(gen *g, const struct sess_g *s)
{
	for (int tries = 0; tries < 40; tries++) {
		int i = rnd_n(g, g->npeople);
		const struct person_g *p = &g->people[i];
		if (g->mark[i] == s->serial || !works_in(p, s->year))
			continue;
		if (s->a->profs != PM_ALL && !(s->a->profs & PM(p->prof)) && rnd_n(g, 100) >= 10)
			continue;
		g->mark[i] = s->serial;
		return i;
	}
	return -1;
}

static kcode add_participant(gen *g, struct sess_g *s, int pi, const uint32_t *r)
{
	const struct person_g *p = &g->people[pi];
	int py = s->year > g->year ? g->year : s->year;
	int64_t goal = 0;
	if (py >= g->y0) {
		size_t slot = (size_t)pi * (size_t)g->nyears + (size_t)(py - g->y0);
		if (g->ngoal[slot] && r[1] % 100 < 55)
			goal = g->goal0[slot] + (int64_t)(r[2] % g->ngoal[slot]);
	}
	int wait_pos;
	const char *reason;
	const char *status = part_state(s, (int)(r[0] % 100), &wait_pos, &reason,
					reject_reasons[r[3] % N_OF(reject_reasons)]);
	int requested = !strcmp(status, "requested");
	char rq[11], dd[11], rq_at[20], dd_at[20] = "";
	add_days(rq, s->starts, -14 - (int)(r[4] % 80));
	if (strcmp(rq, g->today) > 0)
		add_days(rq, g->today, -(int)(r[4] % 10));
	stamp(rq_at, rq, r[4] >> 8);
	if (!requested) {
		add_days(dd, rq, 1 + (int)(r[5] % 6));
		not_after_today(g, dd);
		stamp(dd_at, dd, r[5] >> 8);
	}
	int seated = !strcmp(status, "enrolled") || !strcmp(status, "completed");
	const char *note = seated && r[6] % 5 == 0 ? approve_notes[(r[6] >> 8) % N_OF(approve_notes)] : "";
	int64_t decider = requested ? 0 : p->manager ? p->manager : g->admin_id, part_id = 0;
	sqlite3_stmt *st = db_stmt(g->db, SQL_PART, g->e);
	TRY(!st || db_bind(g->db, st, g->e, KV_INT(p->id), KV_INT(s->id), KV_ID0(goal), KV_TEXT(status), KV_TEXT(rq_at), KV_ID0(decider),
			   KV_TEXT0(dd_at), KV_TEXT(note), KV_TEXT(reason), KV_ID0((int64_t)wait_pos), KV_INT((int64_t)s->a->price)) ||
	    run_insert(g, st, &part_id));
	g->sum->participations++;
	if (!strcmp(status, "completed"))
		TRY(ins_followup(g, s, part_id, pi, r[7], r[8]));
	return KE_OK;
}

/* Peer-training and network sessions are kept in order of making, as
 * places where later follow-ups were passed on. */
static kcode note_shared(gen *g, const struct act_g *a, int64_t id, const char *starts)
{
	if (a->method != M_PEER && a->method != M_NET)
		return KE_OK;
	if (g->nshared == g->shared_cap) {
		int cap = g->shared_cap ? 2 * g->shared_cap : 64;
		struct shared_g *n = realloc(g->shared, (size_t)cap * sizeof *n);
		if (!n)
			return nomem(g);
		g->shared = n;
		g->shared_cap = cap;
	}
	g->shared[g->nshared].id = id;
	memcpy(g->shared[g->nshared].starts, starts, 11);
	g->nshared++;
	return KE_OK;
}

/* Inserts a session of activity a and signs `demand` people up for it. */
static kcode add_session(gen *g, const struct act_g *a, const char *starts, int days, int cap,
			 const char *place, int demand)
{
	struct sess_g s = { .a = a, .cap = cap, .serial = ++g->serial };
	memcpy(s.starts, starts, 11);
	add_days(s.ends, starts, days);
	s.year = atoi(starts);
	s.when = strcmp(s.ends, g->today) < 0 ? -1 : strcmp(s.starts, g->today) > 0 ? 1 : 0;
	char deadline[11] = "";
	if (a->method != M_ELAER)
		add_days(deadline, starts, -21);
	sqlite3_stmt *st = db_stmt(g->db, SQL_SESSION, g->e);
	TRY(!st || db_bind(g->db, st, g->e, KV_INT(a->id), KV_TEXT(s.starts), KV_TEXT(s.ends), KV_TEXT(place), KV_INT(cap), KV_TEXT0(deadline)) ||
	    run_insert(g, st, &s.id));
	g->sum->sessions++;
	TRY(note_shared(g, a, s.id, s.starts));
	for (int j = 0; j < demand; j++) {
		uint32_t r[9];
		for (int k = 0; k < 9; k++)
			r[k] = rnd(g);
		int pi = pick_person(g, &s);
		if (pi >= 0)
			TRY(add_participant(g, &s, pi, r));
	}
	return KE_OK;
}

/* ---- the demo organisation ---- */

static kcode demo_org(gen *g)
{
	for (int i = 0; i < N_DEMO_UNITS; i++)
		TRY(ins_unit(g, demo_units[i].parent, demo_units[i].name, demo_units[i].kind));
	for (int i = 0; i < N_DEMO_PEOPLE; i++) {
		const struct demo_person *d = &demo_people[i];
		const char *role = d->role == 'l' ? "leader" : d->role == 'a' ? "admin" : "employee";
		TRY(ins_person(g, d->name, d->initials, d->login, d->title, d->unit, d->prof, role,
			       d->years, d->month, g->year - 1, d->left));
	}
	set_managers(g);
	return KE_OK;
}

static kcode demo_catalogue(gen *g)
{
	for (int i = 0; i < N_DEMO_ACTS; i++) {
		const struct demo_act *d = &demo_acts[i];
		TRY(ins_activity(g, d->title, d->provider, d->desc, d->method, d->ects, d->hours, d->price,
				 d->cross, d->comps, d->profs));
		for (int k = 0; k < 3 && d->s[k].cap; k++) {
			const struct demo_sess *ds = &d->s[k];
			char starts[11];
			if (ds->yoff == REL)
				add_days(starts, g->today, ds->day);
			else
				ymd(starts, g->year + ds->yoff, ds->mon, ds->day);
			/* small sessions get more applicants than seats: waiting lists */
			int demand = ds->cap <= 4 ? ds->cap + 3 : ds->cap >= 50 ? 10 + rnd_n(g, 10)
				   : 2 + rnd_n(g, 6);
			TRY(add_session(g, &g->acts[g->nacts - 1], starts, ds->days, ds->cap, d->place, demand));
		}
	}
	return KE_OK;
}

static int demo_person(const char *login)
{
	for (int i = 0; i < N_DEMO_PEOPLE; i++)
		if (!strcmp(demo_people[i].login, login))
			return i;
	return -1;
}

static int demo_act(const char *title)
{
	for (int i = 0; i < N_DEMO_ACTS; i++)
		if (!strcmp(demo_acts[i].title, title))
			return i;
	return -1;
}

/* A session of demo activity `title` from `start` days from today, lasting
 * `days` more days, without sign-up deadline; *s is filled for the
 * participants that follow. */
static kcode story_session(gen *g, const char *title, int start, int days, int cap, struct sess_g *s)
{
	int ai = demo_act(title);
	if (ai < 0)
		return kerr_set(g->e, KE_DB, _("The demo names '%s', which it does not hold."), title);
	memset(s, 0, sizeof *s);
	s->a = &g->acts[ai];
	s->cap = cap;
	add_days(s->starts, g->today, start);
	add_days(s->ends, s->starts, days);
	s->year = atoi(s->starts);
	sqlite3_stmt *st = db_stmt(g->db, SQL_SESSION, g->e);
	TRY(!st || db_bind(g->db, st, g->e, KV_INT(s->a->id), KV_TEXT(s->starts), KV_TEXT(s->ends),
			   KV_TEXT(demo_acts[ai].place), KV_INT(cap), KV_TEXT0("")) ||
	    run_insert(g, st, &s->id));
	g->sum->sessions++;
	return note_shared(g, s->a, s->id, s->starts);
}

/* Person pi on session s with status (completed or enrolled), asked for
 * a month before it starts and approved by their leader, for the first
 * goal of their plan of that year if they have one. */
static kcode story_part(gen *g, const struct sess_g *s, int pi, const char *status, int64_t *part_id)
{
	const struct person_g *p = &g->people[pi];
	int64_t goal = 0;
	int py = s->year > g->year ? g->year : s->year;
	if (py >= g->y0) {
		size_t slot = (size_t)pi * (size_t)g->nyears + (size_t)(py - g->y0);
		goal = g->ngoal[slot] ? g->goal0[slot] : 0;
	}
	char rq[11], dd[11], rq_at[20], dd_at[20];
	add_days(rq, s->starts, -30);
	not_after_today(g, rq);
	add_days(dd, rq, 2);
	not_after_today(g, dd);
	stamp(rq_at, rq, (uint32_t)pi * 7);
	stamp(dd_at, dd, (uint32_t)pi * 11);
	sqlite3_stmt *st = db_stmt(g->db, SQL_PART, g->e);
	TRY(!st || db_bind(g->db, st, g->e, KV_INT(p->id), KV_INT(s->id), KV_ID0(goal), KV_TEXT(status), KV_TEXT(rq_at),
			   KV_ID0(p->manager ? p->manager : g->admin_id), KV_TEXT(dd_at), KV_TEXT(""), KV_TEXT(""),
			   KV_ID0(0), KV_INT((int64_t)s->a->price)) ||
	    run_insert(g, st, part_id));
	g->sum->participations++;
	return KE_OK;
}

/* One story's follow-up and its colleagues' parts. */
static kcode story_followup(gen *g, const struct sess_g *s, int pi, int64_t part_id, const struct story *t)
{
	const struct person_g *p = &g->people[pi];
	int64_t leader = p->manager ? p->manager : g->admin_id, fu_id = 0, via = 0;
	int closed = t->state == 'c' || t->state == 'a' || t->state == 'p', wrote = t->state != 'd';
	int acted = t->state == 'a' || t->state == 'p';
	char due[11], written[11] = "", done[11] = "", action_date[11] = "";
	add_days(due, s->ends, 7 * g->weeks[s->a->method]);
	if (wrote)
		add_days(written, g->today, -t->written_ago);
	if (closed)
		add_days(done, g->today, -t->done_ago);
	if (acted)
		add_days(action_date, done, 21);
	if (t->state == 'p') { /* the leader started a peer-training session from it */
		struct sess_g peer;
		TRY(story_session(g, story_peer, 14, 42, 4, &peer));
		via = peer.id;
		int64_t id;
		TRY(story_part(g, &peer, pi, "enrolled", &id));
		for (int k = 0; k < 3 && t->col[k].login; k++) {
			int ci = demo_person(t->col[k].login);
			if (ci >= 0)
				TRY(story_part(g, &peer, ci, "enrolled", &id));
		}
	}
	int i = t->text;
	sqlite3_stmt *st = db_stmt(g->db, SQL_FOLLOWUP, g->e);
	TRY(!st || db_bind(g->db, st, g->e, KV_INT(part_id), KV_TEXT(due),
			   KV_TEXT(wrote ? fu_learned[i % N_OF(fu_learned)] : ""),
			   KV_TEXT(wrote ? fu_practice[i % N_OF(fu_practice)] : ""),
			   KV_TEXT(wrote ? fu_shared[i % N_OF(fu_shared)] : ""),
			   KV_TEXT(closed ? fu_comment[i % N_OF(fu_comment)] : ""),
			   KV_TEXT0(done), KV_ID0(closed ? leader : 0), KV_TEXT0(written),
			   KV_TEXT(acted ? fu_actions[i % N_OF(fu_actions)] : ""), KV_TEXT0(action_date), KV_ID0(via)) ||
	    run_insert(g, st, &fu_id));
	g->sum->followups++;
	for (int k = 0; k < 3 && t->col[k].login; k++) {
		int ci = demo_person(t->col[k].login);
		if (ci < 0)
			return kerr_set(g->e, KE_DB, _("The demo names '%s', which it does not hold."), t->col[k].login);
		TRY(ins_colleague(g, fu_id, ci, p->id, written, t->col[k].state, (uint32_t)(i + 3 * k) * 0x9e3779b9u));
	}
	return KE_OK;
}

static kcode demo_stories(gen *g)
{
	for (int i = 0; i < N_OF(stories); i++) {
		const struct story_session *ss = &stories[i];
		struct sess_g s;
		TRY(story_session(g, ss->title, ss->start, 1, 16, &s));
		for (int k = 0; k < 5 && ss->people[k].login; k++) {
			const struct story *t = &ss->people[k];
			int pi = demo_person(t->login);
			if (pi < 0)
				return kerr_set(g->e, KE_DB, _("The demo names '%s', which it does not hold."), t->login);
			int64_t part_id = 0;
			TRY(story_part(g, &s, pi, "completed", &part_id) || story_followup(g, &s, pi, part_id, t));
		}
	}
	return KE_OK;
}

/* People by unit, for naming colleagues near a person. */
static kcode index_units(gen *g)
{
	g->unit_first = calloc((size_t)g->nunits + 1, sizeof *g->unit_first);
	g->unit_staff = calloc(g->npeople ? (size_t)g->npeople : 1, sizeof *g->unit_staff);
	if (!g->unit_first || !g->unit_staff)
		return nomem(g);
	for (int i = 0; i < g->npeople; i++)
		g->unit_first[g->people[i].unit + 1]++;
	for (int u = 0; u < g->nunits; u++)
		g->unit_first[u + 1] += g->unit_first[u];
	int *fill = calloc((size_t)g->nunits + 1, sizeof *fill);
	if (!fill)
		return nomem(g);
	for (int i = 0; i < g->npeople; i++) {
		int u = g->people[i].unit;
		g->unit_staff[g->unit_first[u] + fill[u]++] = i;
	}
	free(fill);
	return KE_OK;
}

/* ---- the generated municipality ---- */

/* Initials from the first letter of each name part, and a login made of
 * their ASCII spelling plus a running number, so logins never collide. */
static void make_initials(const char *name, int seq, char initials[16], char login[33])
{
	size_t ni = 0, nl = 0;
	for (const char *p = name; *p; p++) {
		if (p != name && p[-1] != ' ')
			continue;
		const char *ascii = NULL;
		size_t len = 1;
		if ((unsigned char)*p == 0xc3 && p[1]) {
			len = 2;
			ascii = p[1] == '\x86' ? "ae" : p[1] == '\x98' ? "o" : p[1] == '\x85' ? "aa" : "x";
		}
		if (ni + len < 16) {
			memcpy(initials + ni, p, len);
			ni += len;
		}
		if (!ascii) {
			char c = *p;
			login[nl++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		} else
			for (; *ascii && nl < 20; ascii++)
				login[nl++] = *ascii;
	}
	initials[ni] = '\0';
	snprintf(login + nl, 33 - nl, "%d", seq);
}

static const char *leader_title(const gen *g, int u)
{
	const struct unit_g *un = &g->units[u];
	if (un->kind == K_TEAM)
		return "Teamleder";
	if (un->kind == K_AREA)
		return un->parent < 0 ? "Børne- og ungechef" : "Områdeleder";
	return inst_types[un->itype].leader;
}

/* Units: a top area, areas of ~2000 staff, institutions of ~40 with
 * three teams each. Returns through *ninst the number of institutions. */
static kcode gen_units(gen *g, int n, int *ninst, int *first_inst)
{
	int ni = n / 40;
	int na = ni ? (n + 1000) / 2000 : 0;
	if (ni && !na)
		na = 1;
	TRY(ins_unit(g, -1, "Børn & Unge", K_AREA));
	static const char *const area_names[] = { "Område Nord", "Område Syd", "Område Øst", "Område Vest", "Område Midt" };
	char name[128];
	for (int a = 0; a < na; a++) {
		if (a < 5)
			snprintf(name, sizeof name, "%s", area_names[a]);
		else
			snprintf(name, sizeof name, "Område %d", a + 1);
		TRY(ins_unit(g, 0, name, K_AREA));
	}
	*first_inst = g->nunits;
	/* Institution i is unit first_inst + 4i; its three teams follow it. */
	for (int i = 0; i < ni; i++) {
		int u = g->nunits, itype = inst_pattern[i % 8];
		const struct inst_type *t = &inst_types[itype];
		char place[80];
		if (i / NPLACES)
			snprintf(place, sizeof place, "%s %d", places[i % NPLACES], i / NPLACES + 1);
		else
			snprintf(place, sizeof place, "%s", places[i % NPLACES]);
		snprintf(name, sizeof name, t->fmt, place);
		TRY(ins_unit(g, 1 + (int)((int64_t)i * na / ni), name, K_INST));
		for (int k = 0; k < 3; k++) {
			char team[sizeof name + 64];
			snprintf(team, sizeof team, "%s, %s", name, t->teams[k]);
			TRY(ins_unit(g, u, team, K_TEAM));
		}
		for (int k = 0; k < 4; k++)
			g->units[u + k].itype = itype;
	}
	*ninst = ni;
	return KE_OK;
}

static kcode gen_person(gen *g, int unit, int prof, const char *role, const char *title)
{
	char name[160], initials[16], login[33];
	const char *first = first_names[rnd_n(g, NFIRST)];
	int r = rnd_n(g, 100);
	if (r < 25)
		snprintf(name, sizeof name, "%s %s %s", first, last_names[rnd_n(g, NLAST)], last_names[rnd_n(g, NLAST)]);
	else
		snprintf(name, sizeof name, "%s %s", first, last_names[rnd_n(g, NLAST)]);
	make_initials(name, g->npeople + 1, initials, login);
	int years = rnd_n(g, 26), month = 1 + rnd_n(g, 12);
	/* about 3 % have left, some year after they started and before this
	 * one; never a leader, never the admin */
	int left_month = 0, left_year = 0;
	if (!strcmp(role, "employee") && years > 1 && rnd_n(g, 100) < 3) {
		left_month = 1 + rnd_n(g, 12);
		left_year = g->year - 1 - rnd_n(g, years - 1);
	}
	return ins_person(g, name, initials, login, title ? title : prof_names[prof], unit, prof, role,
			  years, month, left_year, left_month);
}

static kcode gen_org(gen *g, int n)
{
	int ninst = 0, first_inst = 0;
	TRY(gen_units(g, n, &ninst, &first_inst));
	/* one leader per unit (as far as people go), then the rest */
	for (int u = 0; u < g->nunits && g->npeople < n; u++)
		TRY(gen_person(g, u, P_LED, "leader", leader_title(g, u)));
	if (g->npeople < n)
		TRY(gen_person(g, 0, P_ADM, "admin", "HR- og kompetencekonsulent"));
	while (g->npeople < n) {
		int r = rnd_n(g, 100);
		if (!ninst || r < 3) { /* staff functions of the areas */
			int u = ninst ? rnd_n(g, first_inst) : 0;
			TRY(gen_person(g, u, P_ADM, "employee", NULL));
			continue;
		}
		int inst = first_inst + 4 * rnd_n(g, ninst);
		const struct inst_type *t = &inst_types[inst_pattern[inst % 8]];
		int u = r < 12 ? inst : inst + 1 + rnd_n(g, 3);
		TRY(gen_person(g, u, t->profs[rnd_n(g, 10)], "employee", NULL));
	}
	set_managers(g);
	return KE_OK;
}

static kcode gen_catalogue(gen *g, int nact)
{
	/* the demo's activities first, then topic by method */
	for (int i = 0; i < nact; i++) {
		if (i < N_DEMO_ACTS) {
			const struct demo_act *d = &demo_acts[i];
			TRY(ins_activity(g, d->title, d->provider, d->desc, d->method, d->ects, d->hours,
					 d->price, d->cross, d->comps, d->profs));
			continue;
		}
		int k = i - N_DEMO_ACTS, m = k % NMETH, q = k / NMETH;
		const struct topic *t = &topics[(q + 3 * m) % NTOPICS];
		char title[160], desc[240];
		snprintf(title, sizeof title, "%s: %s", method_prefix[m], t->name);
		snprintf(desc, sizeof desc, "Forløb for medarbejdere i Børn & Unge om emnet: %s.", t->name);
		static const double hours[NMETH] = { 60, 14, 6, 12, 3, 10, 12, 10 };
		static const int price[NMETH] = { 12000, 2500, 300, 3800, 0, 0, 0, 5000 };
		int cross = !!(t->comps & CM(C_TVAER)) || rnd_n(g, 100) < 20;
		TRY(ins_activity(g, title, providers[rnd_n(g, N_OF(providers))], desc, m,
				 m == M_DIP ? 10 : -1, hours[m], price[m] ? price[m] + 100 * rnd_n(g, 10) : 0,
				 cross, t->comps, t->profs));
	}
	return KE_OK;
}

static kcode gen_sessions(gen *g)
{
	static const int span[NMETH] = { 100, 1, 0, 1, 60, 30, 150, 90 };
	/* about 1.5 participations per person and year, shared by the catalogue */
	double per_act = 1.5 * g->npeople / g->nacts;
	for (int y = g->y0; y <= g->year + 1; y++)
		for (int i = 0; i < g->nacts; i++) {
			const struct act_g *a = &g->acts[i];
			int cap = method_cap[a->method];
			int k = (int)(per_act / (0.8 * cap) + 0.5);
			if (k < 1)
				k = 1;
			if (y > g->year) { /* next year's catalogue is only beginning */
				if (i % 2)
					continue;
				k = k / 4 > 0 ? k / 4 : 1;
			}
			for (int j = 0; j < k; j++) {
				char starts[11];
				day_of_year(starts, y, 5 + rnd_n(g, 330));
				/* around each session's share (rounded at random, so a
				 * small municipality still gets its few), some over-asked */
				double want = per_act / k * (60 + rnd_n(g, 81)) / 100;
				int demand = (int)want;
				if (rnd_n(g, 1000) < (int)((want - demand) * 1000))
					demand++;
				if (demand > cap)
					demand = cap + rnd_n(g, 4);
				TRY(add_session(g, a, starts, span[a->method], cap,
						session_places[rnd_n(g, N_OF(session_places))], demand));
			}
		}
	return KE_OK;
}

/* Yearly budgets of the institutions, from their head count. */
static kcode ins_budgets(gen *g)
{
	int *heads = calloc((size_t)g->nunits, sizeof *heads);
	if (!heads)
		return nomem(g);
	for (int i = 0; i < g->npeople; i++) {
		int u = g->people[i].unit;
		while (u >= 0 && g->units[u].kind != K_INST)
			u = g->units[u].parent;
		if (u >= 0)
			heads[u]++;
	}
	kcode c = KE_OK;
	for (int u = 0; !c && u < g->nunits; u++) {
		if (g->units[u].kind != K_INST)
			continue;
		for (int y = g->y0; !c && y <= g->year; y++) {
			sqlite3_stmt *st = db_stmt(g->db, SQL_BUDGET, g->e);
			int64_t amount = (int64_t)heads[u] * 4000 + 5000 * rnd_n(g, 5);
			if (!st || db_bind(g->db, st, g->e, KV_INT(g->units[u].id), KV_INT(y), KV_INT(amount)) ||
			    run_insert(g, st, NULL))
				c = g->e->code;
		}
	}
	free(heads);
	return c;
}

/* ---- driver ---- */

static kcode check_empty(gen *g)
{
	int64_t n = 0;
	TRY(db_scalar(g->db, "SELECT (SELECT count(*) FROM unit) + (SELECT count(*) FROM staff)"
		      " + (SELECT count(*) FROM activity)", 0, &n, g->e));
	if (n)
		return kerr_set(g->e, KE_EXISTS, "%s", _("The demo needs an empty database; this one already has data."));
	return KE_OK;
}

static kcode build(gen *g, int nstaff)
{
	TRY(check_empty(g) || read_fixed(g) || ins_professions(g));
	if (g->demo)
		TRY(demo_org(g));
	else
		TRY(gen_org(g, nstaff));
	size_t slots = (size_t)g->npeople * (size_t)g->nyears;
	g->goal0 = calloc(slots ? slots : 1, sizeof *g->goal0);
	g->ngoal = calloc(slots ? slots : 1, 1);
	g->tmpl0 = calloc(slots ? slots : 1, 1);
	g->mark = calloc(g->npeople ? (size_t)g->npeople : 1, sizeof *g->mark);
	if (!g->goal0 || !g->ngoal || !g->tmpl0 || !g->mark)
		return nomem(g);
	TRY(index_units(g) || ins_focus_areas(g) || make_plans(g));
	if (g->demo)
		TRY(demo_catalogue(g) || demo_stories(g));
	else
		TRY(gen_catalogue(g, 200) || gen_sessions(g));
	TRY(ins_budgets(g));
	TRY(staff_search_fill(g->db, g->e)); /* the staff search index */
	char json[40];
	snprintf(json, sizeof json, "{\"staff\":%d}", g->sum->staff);
	return db_audit(g->db, g->who, "demo", 0, "create", NULL, json, g->e);
}

static void gen_free(gen *g)
{
	for (int i = 0; i < g->nunits; i++)
		free(g->units[i].name);
	free(g->units);
	free(g->people);
	free(g->acts);
	free(g->goal0);
	free(g->ngoal);
	free(g->tmpl0);
	free(g->mark);
	free(g->unit_first);
	free(g->unit_staff);
	free(g->shared);
}

/* Filling a new file alone, kup loads it the way bulk loaders do: a large
 * page cache; the rollback journal instead of WAL, which for a file that
 * was empty holds nothing, so every page is written once instead of twice;
 * and no foreign-key lookups for ids that come straight from the rows just
 * inserted (the unit test runs foreign_key_check on the result). on = 0
 * puts the connection back as db_open left it. Together about halves the
 * time of a large municipality. */
static kcode bulk_settings(kdb *db, int on, int64_t cache, kerr *e)
{
	static const char SQL_OFF[] = "PRAGMA foreign_keys=OFF; PRAGMA journal_mode=DELETE";
	static const char SQL_ON[] = "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL";
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA cache_size=%lld", on ? -128LL * 1024 : (long long)cache);
	if (db_exec(db, sql, e) || db_exec(db, on ? SQL_OFF : SQL_ON, e))
		return e->code;
	return KE_OK;
}

kcode demo_create(kdb *db, const kactor *who, int nstaff, demo_summary *sum, kerr *e)
{
	memset(sum, 0, sizeof *sum);
	if (who->role != ROLE_ADMIN)
		return db_denied(e);
	if (nstaff < 0 || nstaff > 1000000)
		return kerr_set(e, KE_INVALID, _("The number of staff must be from 1 to %d."), 1000000);
	gen g = { .db = db, .who = who, .e = e, .sum = sum, .rng = 0x6b7570216b757021ULL,
		 .rng2 = 0x6f70666f6c676e21ULL, .demo = nstaff == 0 };
	if (date_today(g.today) != 0)
		return kerr_set(e, KE_IO, "%s", _("Cannot read today's date from the system clock."));
	g.year = atoi(g.today);
	g.nyears = g.demo ? 2 : 5;
	g.y0 = g.year - g.nyears + 1;
	int n = g.demo ? N_DEMO_PEOPLE : nstaff;
	/* units: each institution comes with three teams, plus the areas */
	size_t maxunits = g.demo ? N_DEMO_UNITS : (size_t)(n / 40) * 4 + (size_t)n / 2000 + 8;
	g.units = calloc(maxunits, sizeof *g.units);
	g.people = calloc((size_t)n, sizeof *g.people);
	g.acts = calloc(g.demo ? N_DEMO_ACTS : 200, sizeof *g.acts);
	kcode c = !g.units || !g.people || !g.acts ? nomem(&g) : KE_OK;
	if (!c && db_is_readonly(db))
		c = kerr_set(e, KE_READONLY, "%s", _("The database is open read-only; nothing can be saved."));
	int64_t cache = 0; /* the connection's page cache, put back afterwards */
	if (!c && !(c = db_scalar(db, "PRAGMA cache_size", 0, &cache, e))) {
		if (!(c = bulk_settings(db, 1, cache, e)) && !(c = db_bulk_begin(db, e))) {
			kerr e2 = { 0 };
			if ((c = build(&g, n)))
				db_bulk_end(db, 0, &e2);
			else
				c = db_bulk_end(db, 1, e);
		}
		kerr e3 = { 0 };
		if (bulk_settings(db, 0, cache, c ? &e3 : e) && !c)
			c = e->code;
	}
	gen_free(&g);
	if (c)
		memset(sum, 0, sizeof *sum);
	return c;
}
