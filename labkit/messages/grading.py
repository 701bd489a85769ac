MESSAGES = {
    "grading.not_isolated": "Note: the students' kernels ran as your own user, so their code could read your files "
    "(the issuer key among them) and, through /proc, the environment of your processes (keys or tokens "
    "you exported). Grade as root (in a container, or with sudo) with labkit's "
    "Python in a folder every user may enter: each submission's kernels then run as a user of "
    "their own.",
    "grading.not_a_submission": "{path} is not a submission: give a folder of notebooks, a .zip of one, or an "
    "nbgrader submitted/ folder.",
    "grading.same_student_twice": "These student ids appear in more than one submission: {students}. Rename one of "
    "each.",
    "grading.duplicate_notebook": "{name} was not graded: another notebook of {lab} was.",
    "grading.notebook_too_big": "{name} is larger than {mb} MB and was not graded.",
    "grading.bad_zip": "{name} could not be read as a zip file ({error}).",
    "grading.no_course_notebooks": "No notebook of this course was found (names like 01-flow-logs.ipynb).",
    "grading.unreadable_notebook": "The notebook of {lab} could not be read as a notebook ({error}).",
    "grading.empty_notebook": "The notebook of {lab} has no code cells.",
    "grading.cell_timeout": "A cell of {lab} ran past the time limit; the notebook was stopped there.",
    "grading.kernel_died": "The kernel running {lab} stopped during the run.",
    "grading.execution_failed": "{lab} could not be run ({error}).",
    "grading.submission_timeout": "The whole submission ran past {minutes} minutes and was stopped; steps verified "
    "before count.",
    "grading.worker_failed": "Grading this submission failed (exit status {code}); steps verified before count.",
    "grading.no_answer": "No answer was submitted with lab.check(...).",
    "grading.no_right_answer": "None of the answers submitted was right.",
    "grading.lab_not_run": "The notebook of {lab} was not submitted or did not run: its steps earn nothing.",
    "grading.lab_made_no_calls": "The notebook of {lab} ran but never called AWS: its steps earn nothing.",
    "grading.sandbox_lost": "The grader's sandbox stopped answering during this submission ({error}).",
    "grading.feedback_title": "{student}: {xp} of {total} XP",
    "grading.badge_earned": "Every step verified: Flow Log Analyst Badge.",
    "grading.step": "Step",
    "grading.next": "What to do next",
    "grading.summary_title": "Class summary",
    "grading.summary_counts": "{students} submissions, {badges} badges, {problems} not fully graded.",
    "grading.plot.xp": "XP per student",
    "grading.plot.missed": "Steps most students missed",
    "grading.plot.attempts": "Answer attempts per step",
    "grading.done": "Graded {count} submissions into {out}: {gradebook}, feedback/, {summary}.",
}
