"""Our own article texts with the same kinds of mess as real scraped files.

Written for the tests (DESIGN.md fact 4 describes the mess); nothing here is copied
from real articles.
"""

from __future__ import annotations

TITLE_A = "«الاتحاد الإقليمي» يراجع خطة الإغاثة مع الهلال الأحمر"
TITLE_B = "«محادثات المنامة» تناقش «هدنة مؤقتة» في الجنوب"
CAPTION_B = "سيارات إسعاف تصل إلى مستشفى المدينة صباح الاثنين (أ.ف.ب)"

# Two articles in one file, as a news site's scraper printed them: the title repeated,
# a "TT" marker, the title again, the photo caption printed twice, CRLF-free.
MULTI = f"""{TITLE_A}

{TITLE_A}
TT

{TITLE_A}

{TITLE_A}

يستضيف مقر الاتحاد الإقليمي، غداً، اجتماعاً تنسيقياً مع جمعية الهلال الأحمر لمراجعة خطة الإغاثة الشتوية.
ويناقش الاجتماع توزيع المساعدات، وفض النـزاعات حول مواقع المخيمات، وتعزيز التنسيق مع المنظمات الدولية.
وقال المنسق العام هشام ناصر: «نريد خطة واضحة قبل أن يشتد البرد».



{TITLE_B}

{CAPTION_B}
{CAPTION_B}
TT

{TITLE_B}

{CAPTION_B}
{CAPTION_B}

يُنتظر أن تبدأ في المنامة، اليوم، جولةٌ جديدةٌ من المحادثات حول هدنة مؤقتة في الجنوب.

ونقلت صحيفة «الرأي»، أمس، عن مسؤول قوله إن الوفدين اتفقا على قائمة بـ12 بنداً للنقاش.
"""

GLUED_TITLE = "اتفاقية تعاون بين الهيئة والمعهد"
# One long line: sentences glued after a full stop, sub-headings glued into the text.
GLUED = (
    f"{GLUED_TITLE} \n\n"
    "وقّع رئيس الهيئة الدكتور عادل فهمي، أمس، اتفاقية تعاون مع المعهد الوطني للتدريب، "
    "تشمل برامج مشتركة بين الطرفين.ووقّع الجانبان ملحقاً خاصاً بتبادل الخبرات في مجال "
    "التدريب المهني.وأكد فهمي أن الاتفاقية تدعم جهود الهيئة.تدريبتعقد الهيئة ورشة عمل "
    "الشهر المقبل في مقرها (أ.ف.ب) بحضور 3.5 ألف متدرب.خبراءيشارك في الورشة خبراء من "
    "عدة دول."
)
