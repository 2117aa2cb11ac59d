"""Fixed words the tool prints, in each supported language.

Exercise text stays as the trainer wrote it; only these labels change with
`--lang`. Imports nothing of ours.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Labels:
    prepared_for: str
    hold: str
    seconds: str
    time: str
    times: str
    rep: str
    reps: str
    set_: str
    sets: str
    each_side: str
    both_sides: str
    scan_for_video: str
    page_of: str  # with {n} and {m}
    consult: str
    steps: str
    cues: str
    cautions: str
    note: str
    about: str
    how_often: str
    mode_static: str
    mode_dynamic: str
    program_notes: str
    trainer_notes: str
    goals: str
    added: str
    disclaimer: str
    your_plan: str
    tracker: str
    tracker_hint: str
    week: str
    weekdays: tuple[str, ...]
    months: tuple[str, ...]
    name_line: str
    trainer: str
    class_sheet: str
    you_need: str  # before the exercise's equipment: "You need: mat, foam roller"

    def date(self, year: int, month: int, day: int) -> str:
        return f"{day} {self.months[month - 1]} {year}"


EN = Labels(
    prepared_for="Prepared for",
    hold="Hold",
    seconds="s",
    time="time",
    times="times",
    rep="rep",
    reps="reps",
    set_="set",
    sets="sets",
    each_side="each side",
    both_sides="both sides",
    scan_for_video="Scan for video",
    page_of="Page {n} of {m}",
    consult="Check with your doctor or physiotherapist before starting, and stop if it hurts.",
    steps="How to do it",
    cues="Tips",
    cautions="Take care",
    note="From your trainer",
    about="About this plan",
    how_often="How often",
    mode_static="Static holds",
    mode_dynamic="Dynamic holds",
    program_notes="Good to know",
    trainer_notes="Notes from your trainer",
    goals="Your goals",
    added="Added for you",
    disclaimer="Disclaimer",
    your_plan="Your exercise plan",
    tracker="Tick off each day you do your plan",
    tracker_hint="One box per day.",
    week="Week",
    weekdays=("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    months=("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    name_line="Name",
    trainer="Trainer",
    class_sheet="Class sheet",
    you_need="You need",
)

ES = Labels(
    prepared_for="Preparado para",
    hold="Mantén",
    seconds="s",
    time="vez",
    times="veces",
    rep="repetición",
    reps="repeticiones",
    set_="serie",
    sets="series",
    each_side="cada lado",
    both_sides="ambos lados",
    scan_for_video="Escanea para ver el vídeo",
    page_of="Página {n} de {m}",
    consult="Consulta a tu médico o fisioterapeuta antes de empezar y para si sientes dolor.",
    steps="Cómo hacerlo",
    cues="Consejos",
    cautions="Precauciones",
    note="De tu entrenador",
    about="Sobre este plan",
    how_often="Frecuencia",
    mode_static="Estiramientos estáticos",
    mode_dynamic="Estiramientos dinámicos",
    program_notes="Conviene saber",
    trainer_notes="Notas de tu entrenador",
    goals="Tus objetivos",
    added="Añadido para ti",
    disclaimer="Aviso legal",
    your_plan="Tu plan de ejercicios",
    tracker="Marca cada día que hagas tu plan",
    tracker_hint="Una casilla por día.",
    week="Semana",
    weekdays=("Lun", "Mar", "Mié", "Jue", "Vie", "Sáb", "Dom"),
    months=("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"),
    name_line="Nombre",
    trainer="Entrenador",
    class_sheet="Hoja de clase",
    you_need="Necesitas",
)

FR = Labels(
    prepared_for="Préparé pour",
    hold="Tenir",
    seconds="s",
    time="fois",
    times="fois",
    rep="répétition",
    reps="répétitions",
    set_="série",
    sets="séries",
    each_side="de chaque côté",
    both_sides="des deux côtés",
    scan_for_video="Scannez pour la vidéo",
    page_of="Page {n} sur {m}",
    consult="Parlez-en à votre médecin ou kinésithérapeute avant de commencer ; arrêtez en cas de douleur.",
    steps="Comment faire",
    cues="Conseils",
    cautions="Attention",
    note="De votre coach",
    about="À propos de ce programme",
    how_often="Fréquence",
    mode_static="Étirements statiques",
    mode_dynamic="Étirements dynamiques",
    program_notes="Bon à savoir",
    trainer_notes="Notes de votre coach",
    goals="Vos objectifs",
    added="Ajouté pour vous",
    disclaimer="Avertissement",
    your_plan="Votre programme d'exercices",
    tracker="Cochez chaque jour où vous faites votre programme",
    tracker_hint="Une case par jour.",
    week="Semaine",
    weekdays=("Lun", "Mar", "Mer", "Jeu", "Ven", "Sam", "Dim"),
    months=(
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ),
    name_line="Nom",
    trainer="Coach",
    class_sheet="Fiche de cours",
    you_need="Matériel",
)

DE = Labels(
    prepared_for="Erstellt für",
    hold="Halten",
    seconds="s",
    time="Mal",
    times="Mal",
    rep="Wiederholung",
    reps="Wiederholungen",
    set_="Satz",
    sets="Sätze",
    each_side="pro Seite",
    both_sides="beide Seiten",
    scan_for_video="Scannen für das Video",
    page_of="Seite {n} von {m}",
    consult="Sprechen Sie vor dem Start mit Ihrer Ärztin oder Ihrem Physiotherapeuten; bei Schmerzen aufhören.",
    steps="So geht's",
    cues="Tipps",
    cautions="Vorsicht",
    note="Von Ihrem Trainer",
    about="Über diesen Plan",
    how_often="Wie oft",
    mode_static="Statisches Halten",
    mode_dynamic="Dynamisches Halten",
    program_notes="Gut zu wissen",
    trainer_notes="Notizen Ihres Trainers",
    goals="Ihre Ziele",
    added="Für Sie ergänzt",
    disclaimer="Haftungsausschluss",
    your_plan="Ihr Übungsplan",
    tracker="Haken Sie jeden Tag ab, an dem Sie Ihren Plan machen",
    tracker_hint="Ein Kästchen pro Tag.",
    week="Woche",
    weekdays=("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
    months=(
        "Jan.",
        "Feb.",
        "März",
        "Apr.",
        "Mai",
        "Juni",
        "Juli",
        "Aug.",
        "Sept.",
        "Okt.",
        "Nov.",
        "Dez.",
    ),
    name_line="Name",
    trainer="Trainer",
    class_sheet="Kursblatt",
    you_need="Sie brauchen",
)

LANGUAGES: dict[str, Labels] = {"en": EN, "es": ES, "fr": FR, "de": DE}


def labels_for(language: str) -> Labels:
    return LANGUAGES[language]
