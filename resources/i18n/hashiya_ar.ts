<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;New Library…</source>
        <translation>مكتبة &amp;جديدة…</translation>
    </message>
    <message>
        <source>Create an empty library file</source>
        <translation>إنشاء ملف مكتبة فارغ</translation>
    </message>
    <message>
        <source>&amp;Open Library…</source>
        <translation>&amp;فتح مكتبة…</translation>
    </message>
    <message>
        <source>Open another library file</source>
        <translation>فتح ملف مكتبة آخر</translation>
    </message>
    <message>
        <source>&amp;Import Files…</source>
        <translation>&amp;استيراد ملفات…</translation>
    </message>
    <message>
        <source>Import article files into this library</source>
        <translation>استيراد ملفات مقالات إلى هذه المكتبة</translation>
    </message>
    <message>
        <source>Import &amp;Folder…</source>
        <translation>استيراد م&amp;جلد…</translation>
    </message>
    <message>
        <source>Import every article file in a folder</source>
        <translation>استيراد كل ملفات المقالات في مجلد</translation>
    </message>
    <message>
        <source>Import the &amp;Sample Collection</source>
        <translation>استيراد المجموعة ال&amp;تجريبية</translation>
    </message>
    <message>
        <source>Import the articles that come with Hashiya</source>
        <translation>استيراد المقالات المرفقة مع حاشية</translation>
    </message>
    <message>
        <source>&amp;Export Notes…</source>
        <translation>&amp;تصدير التعليقات…</translation>
    </message>
    <message>
        <source>Export the annotations to a file for other tools</source>
        <translation>تصدير التعليقات إلى ملف تقرؤه أدوات أخرى</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>Close Hashiya</source>
        <translation>إغلاق حاشية</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;نسخ</translation>
    </message>
    <message>
        <source>Copy the selected text</source>
        <translation>نسخ النص المحدد</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>تحديد ال&amp;كل</translation>
    </message>
    <message>
        <source>Select the whole article</source>
        <translation>تحديد المقال كله</translation>
    </message>
    <message>
        <source>&amp;Find in Article…</source>
        <translation>&amp;بحث في المقال…</translation>
    </message>
    <message>
        <source>Find words in this article</source>
        <translation>البحث عن كلمات في هذا المقال</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>المطابقة ال&amp;تالية</translation>
    </message>
    <message>
        <source>Go to the next match</source>
        <translation>الانتقال إلى المطابقة التالية</translation>
    </message>
    <message>
        <source>Find &amp;Previous</source>
        <translation>المطابقة ال&amp;سابقة</translation>
    </message>
    <message>
        <source>Go to the previous match</source>
        <translation>الانتقال إلى المطابقة السابقة</translation>
    </message>
    <message>
        <source>&amp;Search Library…</source>
        <translation>بحث في ال&amp;مكتبة…</translation>
    </message>
    <message>
        <source>Search every article in the library</source>
        <translation>البحث في كل مقالات المكتبة</translation>
    </message>
    <message>
        <source>Filter &amp;Titles…</source>
        <translation>تصفية ال&amp;عناوين…</translation>
    </message>
    <message>
        <source>Show only articles whose title contains some text</source>
        <translation>عرض المقالات التي يحتوي عنوانها على نص معيّن فقط</translation>
    </message>
    <message>
        <source>Pre&amp;ferences…</source>
        <translation>ال&amp;تفضيلات…</translation>
    </message>
    <message>
        <source>Language, theme and reading preferences</source>
        <translation>اللغة والسمة وتفضيلات القراءة</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;تكبير</translation>
    </message>
    <message>
        <source>Larger article text</source>
        <translation>تكبير نص المقال</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>ت&amp;صغير</translation>
    </message>
    <message>
        <source>Smaller article text</source>
        <translation>تصغير نص المقال</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>ال&amp;حجم الافتراضي</translation>
    </message>
    <message>
        <source>Article text at the preferred size</source>
        <translation>نص المقال بالحجم الافتراضي</translation>
    </message>
    <message>
        <source>Show &amp;Diacritics</source>
        <translation>إظهار ال&amp;تشكيل</translation>
    </message>
    <message>
        <source>Show or hide the harakat in the article</source>
        <translation>إظهار الحركات في المقال أو إخفاؤها</translation>
    </message>
    <message>
        <source>F&amp;ull Screen</source>
        <translation>ملء ال&amp;شاشة</translation>
    </message>
    <message>
        <source>Use the whole screen</source>
        <translation>استخدام الشاشة كاملة</translation>
    </message>
    <message>
        <source>Same as the &amp;System</source>
        <translation>مثل ال&amp;نظام</translation>
    </message>
    <message>
        <source>Follow the system&apos;s light or dark mode</source>
        <translation>اتباع الوضع الفاتح أو الداكن للنظام</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;فاتحة</translation>
    </message>
    <message>
        <source>Light theme</source>
        <translation>سمة فاتحة</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;داكنة</translation>
    </message>
    <message>
        <source>Dark theme</source>
        <translation>سمة داكنة</translation>
    </message>
    <message>
        <source>&amp;Next Article</source>
        <translation>المقال ال&amp;تالي</translation>
    </message>
    <message>
        <source>Open the next article in the list</source>
        <translation>فتح المقال التالي في القائمة</translation>
    </message>
    <message>
        <source>&amp;Previous Article</source>
        <translation>المقال ال&amp;سابق</translation>
    </message>
    <message>
        <source>Open the previous article in the list</source>
        <translation>فتح المقال السابق في القائمة</translation>
    </message>
    <message>
        <source>Go to the &amp;Library List</source>
        <translation>الانتقال إلى قائمة ال&amp;مكتبة</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the list of articles</source>
        <translation>نقل تركيز لوحة المفاتيح إلى قائمة المقالات</translation>
    </message>
    <message>
        <source>Go to the &amp;Article</source>
        <translation>الانتقال إلى ال&amp;مقال</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the article</source>
        <translation>نقل تركيز لوحة المفاتيح إلى المقال</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>Every command and its keys</source>
        <translation>كل الأوامر ومفاتيحها</translation>
    </message>
    <message>
        <source>&amp;About Hashiya</source>
        <translation>&amp;عن حاشية</translation>
    </message>
    <message>
        <source>Version and licence</source>
        <translation>الإصدار والترخيص</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <source>Agreement Between Annotators</source>
        <translation>الاتفاق بين المعلِّقين</translation>
    </message>
    <message>
        <source>Check two or more annotators. Only the articles all of them tagged entities in are compared.</source>
        <translation>حدّد معلِّقَين أو أكثر. لا تُقارَن إلا المقالات التي وسم فيها جميعهم كيانات.</translation>
    </message>
    <message>
        <source>Curated layer</source>
        <translation>الطبقة المنقَّحة</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n mention(s)</source>
        <translation>
            <numerusform>%1 — %n إشارة</numerusform>
            <numerusform>%1 — إشارة واحدة</numerusform>
            <numerusform>%1 — إشارتان</numerusform>
            <numerusform>%1 — %n إشارات</numerusform>
            <numerusform>%1 — %n إشارة</numerusform>
            <numerusform>%1 — %n إشارة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n article(s)</source>
        <translation>
            <numerusform>، %n مقال</numerusform>
            <numerusform>، مقال واحد</numerusform>
            <numerusform>، مقالان</numerusform>
            <numerusform>، %n مقالات</numerusform>
            <numerusform>، %n مقالًا</numerusform>
            <numerusform>، %n مقال</numerusform>
        </translation>
    </message>
    <message>
        <source>Span F1: same start, end and type (more than two annotators: the mean of every pair). Kappa: word by word, Cohen&apos;s for two annotators, Fleiss&apos; for more; per type, that type or not. Alpha: Krippendorff&apos;s alpha, nominal, word by word (not the unitizing alpha).</source>
        <translation>F1 للمقاطع: البداية والنهاية والنوع نفسها (لأكثر من معلِّقَين: متوسط كل زوج). كابا: كلمة كلمة، كابا كوهين لمعلِّقَين وكابا فلايس لأكثر؛ ولكل نوع: هذا النوع أو لا. ألفا: ألفا كريبندورف الاسمية، كلمة كلمة (لا ألفا التقطيع).</translation>
    </message>
    <message>
        <source>Check at least two annotators.</source>
        <translation>حدّد معلِّقَين على الأقل.</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>جارٍ القياس…</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>الإجمالي</translation>
    </message>
    <message>
        <source>Cohen&apos;s kappa</source>
        <translation>كابا كوهين</translation>
    </message>
    <message>
        <source>Fleiss&apos; kappa</source>
        <translation>كابا فلايس</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) in common</source>
        <translation>
            <numerusform>%n مقال مشترك</numerusform>
            <numerusform>مقال مشترك واحد</numerusform>
            <numerusform>مقالان مشتركان</numerusform>
            <numerusform>%n مقالات مشتركة</numerusform>
            <numerusform>%n مقالًا مشتركًا</numerusform>
            <numerusform>%n مقال مشترك</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n word(s)</source>
        <translation>
            <numerusform>، %n كلمة</numerusform>
            <numerusform>، كلمة واحدة</numerusform>
            <numerusform>، كلمتان</numerusform>
            <numerusform>، %n كلمات</numerusform>
            <numerusform>، %n كلمة</numerusform>
            <numerusform>، %n كلمة</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AliasDialog</name>
    <message>
        <source>Another Name?</source>
        <translation>اسم آخر؟</translation>
    </message>
    <message>
        <source>Is “%1” another name of an entity you tagged before?</source>
        <translation>هل «%1» اسم آخر لكيان وسمته من قبل؟</translation>
    </message>
    <message>
        <source>Link as an Alias</source>
        <translation>ربطه اسماً بديلاً</translation>
    </message>
    <message>
        <source>New Entity</source>
        <translation>كيان جديد</translation>
    </message>
</context>
<context>
    <name>AnnotateActions</name>
    <message>
        <source>&amp;Undo %1</source>
        <translation>&amp;تراجع عن %1</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;تراجع</translation>
    </message>
    <message>
        <source>Take back the last change</source>
        <translation>التراجع عن آخر تغيير</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>إ&amp;عادة %1</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>إ&amp;عادة</translation>
    </message>
    <message>
        <source>Make the change again</source>
        <translation>إجراء التغيير مرة أخرى</translation>
    </message>
    <message>
        <source>&amp;Annotate</source>
        <translation>&amp;تعليق</translation>
    </message>
    <message>
        <source>Highlight: %1</source>
        <translation>تظليل: %1</translation>
    </message>
    <message>
        <source>Highlight the selection in this colour</source>
        <translation>تظليل النص المحدد بهذا اللون</translation>
    </message>
    <message>
        <source>Add &amp;Note…</source>
        <translation>إضافة &amp;ملاحظة…</translation>
    </message>
    <message>
        <source>A note on the selection, or on the whole article</source>
        <translation>ملاحظة على النص المحدد أو على المقال كله</translation>
    </message>
    <message>
        <source>Tag &amp;Entity…</source>
        <translation>وسم &amp;كيان…</translation>
    </message>
    <message>
        <source>Mark the selection as a person, place, organisation…</source>
        <translation>وسم النص المحدد بأنه شخص أو مكان أو منظمة…</translation>
    </message>
    <message>
        <source>Tag All &amp;Occurrences…</source>
        <translation>وسم كل الم&amp;واضع…</translation>
    </message>
    <message>
        <source>Find the other occurrences of the entity under the cursor</source>
        <translation>البحث عن المواضع الأخرى للكيان الذي عند المؤشر</translation>
    </message>
    <message>
        <source>&amp;Remove Annotation</source>
        <translation>إ&amp;زالة التعليق</translation>
    </message>
    <message>
        <source>Remove the annotations under the cursor or the selection</source>
        <translation>إزالة التعليقات التي عند المؤشر أو في النص المحدد</translation>
    </message>
    <message>
        <source>&amp;Accept Suggestion</source>
        <translation>&amp;قبول الاقتراح</translation>
    </message>
    <message>
        <source>Tag the suggested entity under the cursor</source>
        <translation>وسم الكيان المقترح الذي عند المؤشر</translation>
    </message>
    <message>
        <source>Re&amp;ject Suggestion</source>
        <translation>&amp;رفض الاقتراح</translation>
    </message>
    <message>
        <source>Never suggest these words as this type in this article again</source>
        <translation>عدم اقتراح هذه الكلمات بهذا النوع في هذا المقال مرة أخرى</translation>
    </message>
    <message>
        <source>Accept All &amp;Suggestions</source>
        <translation>قبول كل الا&amp;قتراحات</translation>
    </message>
    <message>
        <source>Tag every suggested entity in this article</source>
        <translation>وسم كل الكيانات المقترحة في هذا المقال</translation>
    </message>
    <message>
        <source>Ne&amp;xt Suggestion</source>
        <translation>الاقتراح ال&amp;تالي</translation>
    </message>
    <message>
        <source>Go to the next suggested entity</source>
        <translation>الانتقال إلى الكيان المقترح التالي</translation>
    </message>
    <message>
        <source>Pre&amp;vious Suggestion</source>
        <translation>الاقتراح ال&amp;سابق</translation>
    </message>
    <message>
        <source>Go to the previous suggested entity</source>
        <translation>الانتقال إلى الكيان المقترح السابق</translation>
    </message>
    <message>
        <source>Show Su&amp;ggestions</source>
        <translation>إظهار الا&amp;قتراحات</translation>
    </message>
    <message>
        <source>Underline candidate entities with a dotted line</source>
        <translation>وضع خط منقط تحت الكيانات المرشحة</translation>
    </message>
    <message>
        <source>Article &amp;Tags…</source>
        <translation>&amp;وسوم المقال…</translation>
    </message>
    <message>
        <source>Put the article in collections such as “to translate”</source>
        <translation>وضع المقال في مجموعات مثل «للترجمة»</translation>
    </message>
    <message>
        <source>&amp;Colours and Entity Types…</source>
        <translation>الأ&amp;لوان وأنواع الكيانات…</translation>
    </message>
    <message>
        <source>Name the highlight colours, edit the entity types</source>
        <translation>تسمية ألوان التظليل وتحرير أنواع الكيانات</translation>
    </message>
    <message>
        <source>Re&amp;late…</source>
        <translation>&amp;ربط…</translation>
    </message>
    <message>
        <source>Relate the entity under the cursor to another mention or entity</source>
        <translation>اربط الكيان تحت المؤشر بإشارة أخرى أو بكيان</translation>
    </message>
    <message>
        <source>Relation T&amp;ypes…</source>
        <translation>أ&amp;نواع العلاقات…</translation>
    </message>
    <message>
        <source>Name the kinds of relation and the entity types each one links</source>
        <translation>سمِّ أنواع العلاقات وأنواع الكيانات التي يربطها كلٌّ منها</translation>
    </message>
    <message>
        <source>Show &amp;Relations</source>
        <translation>إظهار ال&amp;علاقات</translation>
    </message>
    <message>
        <source>Draw the relations between mentions over the article</source>
        <translation>ارسم العلاقات بين الإشارات فوق المقال</translation>
    </message>
    <message>
        <source>Snap Selections to &amp;Whole Words</source>
        <translation>توسيع التحديد إلى &amp;كلمات كاملة</translation>
    </message>
    <message>
        <source>Hold Alt or Ctrl while selecting with the mouse to keep the exact selection</source>
        <translation>اضغط Alt أو Ctrl أثناء التحديد بالفأرة للإبقاء على التحديد كما هو</translation>
    </message>
</context>
<context>
    <name>AnnotationDelegate</name>
    <message>
        <source>Highlight</source>
        <translation>تظليل</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>كيان</translation>
    </message>
    <message>
        <source>Note on the article</source>
        <translation>ملاحظة على المقال</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
</context>
<context>
    <name>AnnotationPanel</name>
    <message>
        <source>Relations: %1</source>
        <translation>العلاقات: %1</translation>
    </message>
    <message>
        <source>No relations: put the cursor on an entity and press R to relate it.</source>
        <translation>لا علاقات: ضع المؤشر على كيان واضغط R لربطه.</translation>
    </message>
    <message>
        <source>All colours</source>
        <translation>كل الألوان</translation>
    </message>
    <message>
        <source>All entity types</source>
        <translation>كل أنواع الكيانات</translation>
    </message>
    <message>
        <source>Show in the Article</source>
        <translation>إظهار في المقال</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>اللون</translation>
    </message>
    <message>
        <source>Edit Note…</source>
        <translation>تحرير الملاحظة…</translation>
    </message>
    <message>
        <source>Change Entity…</source>
        <translation>تغيير الكيان…</translation>
    </message>
    <message>
        <source>Tag All Occurrences…</source>
        <translation>وسم كل المواضع…</translation>
    </message>
    <message>
        <source>Show in the Entity Index</source>
        <translation>إظهار في فهرس الكيانات</translation>
    </message>
    <message>
        <source>Copy the Quote</source>
        <translation>نسخ الاقتباس</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
    <message numerus="yes">
        <source>Remove %Ln Annotation(s)</source>
        <translation>
            <numerusform>إزالة %Ln تعليق</numerusform>
            <numerusform>إزالة تعليق واحد</numerusform>
            <numerusform>إزالة التعليقين</numerusform>
            <numerusform>إزالة %Ln تعليقات</numerusform>
            <numerusform>إزالة %Ln تعليقًا</numerusform>
            <numerusform>إزالة %Ln تعليق</numerusform>
        </translation>
    </message>
    <message>
        <source>Open an article to see its annotations.</source>
        <translation>افتح مقالاً لترى تعليقاته.</translation>
    </message>
    <message>
        <source>No annotations yet: select a passage, then press 1 to 5 to highlight, N for a note, E for an entity.</source>
        <translation>لا تعليقات بعد: حدد نصاً ثم اضغط من 1 إلى 5 للتظليل، أو N لملاحظة، أو E لكيان.</translation>
    </message>
    <message>
        <source>Annotations: %1</source>
        <translation>التعليقات: %1</translation>
    </message>
    <message>
        <source>Annotations shown: %1 of %2</source>
        <translation>التعليقات المعروضة: %1 من %2</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>الوسوم: %1</translation>
    </message>
    <message>
        <source>No tags</source>
        <translation>لا وسوم</translation>
    </message>
    <message>
        <source>Suggestions: %1</source>
        <translation>الاقتراحات: %1</translation>
    </message>
    <message>
        <source>Tags…</source>
        <translation>الوسوم…</translation>
    </message>
    <message>
        <source>Put this article in collections</source>
        <translation>وضع هذا المقال في مجموعات</translation>
    </message>
    <message>
        <source>Accept All</source>
        <translation>قبول الكل</translation>
    </message>
    <message>
        <source>Tag every suggested entity in this article</source>
        <translation>وسم كل الكيانات المقترحة في هذا المقال</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>كل الأنواع</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>التظليلات</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>الملاحظات</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>الكيانات</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>التعليقات</translation>
    </message>
    <message>
        <source>Show kind</source>
        <translation>النوع المعروض</translation>
    </message>
    <message>
        <source>Show colour</source>
        <translation>اللون المعروض</translation>
    </message>
    <message>
        <source>Show entity type</source>
        <translation>نوع الكيان المعروض</translation>
    </message>
    <message>
        <source>Relations</source>
        <translation>العلاقات</translation>
    </message>
</context>
<context>
    <name>Annotator</name>
    <message>
        <source>Select a passage in the article first.</source>
        <translation>حدد نصاً في المقال أولاً.</translation>
    </message>
    <message>
        <source>This library is read-only.</source>
        <translation>هذه المكتبة للقراءة فقط.</translation>
    </message>
    <message>
        <source>Merge Into</source>
        <translation>دمج في</translation>
    </message>
    <message>
        <source>Delete Entity</source>
        <translation>حذف الكيان</translation>
    </message>
    <message>
        <source>Merge “%1” into which entity? Its mentions move there and its names become aliases.</source>
        <translation>في أي كيان يُدمج «%1»؟ تنتقل إشاراته إليه وتصبح أسماؤه أسماء بديلة.</translation>
    </message>
    <message>
        <source>Merged “%1” into “%2”.</source>
        <translation>دُمج «%1» في «%2».</translation>
    </message>
    <message>
        <source>Delete “%1” and %2? You can undo this.</source>
        <translation>حذف «%1» و%2؟ يمكنك التراجع عن ذلك.</translation>
    </message>
    <message numerus="yes">
        <source>its %Ln mention(s)</source>
        <translation>
            <numerusform>إشاراته (%Ln)</numerusform>
            <numerusform>إشارته الوحيدة</numerusform>
            <numerusform>إشارتيه</numerusform>
            <numerusform>إشاراته الـ%Ln</numerusform>
            <numerusform>إشاراته الـ%Ln</numerusform>
            <numerusform>إشاراته الـ%Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no annotation here to remove.</source>
        <translation>لا يوجد تعليق هنا لإزالته.</translation>
    </message>
    <message>
        <source>There is no suggestion under the cursor (F8 goes to the next one).</source>
        <translation>لا يوجد اقتراح عند المؤشر (F8 ينتقل إلى الاقتراح التالي).</translation>
    </message>
    <message>
        <source>There are no suggestions in this article.</source>
        <translation>لا توجد اقتراحات في هذا المقال.</translation>
    </message>
    <message>
        <source>Suggestions accepted: %1</source>
        <translation>الاقتراحات المقبولة: %1</translation>
    </message>
    <message>
        <source>a rule</source>
        <translation>قاعدة</translation>
    </message>
    <message>
        <source>the list of places</source>
        <translation>قائمة الأماكن</translation>
    </message>
    <message>
        <source>your entities</source>
        <translation>كياناتك</translation>
    </message>
    <message>
        <source>learned from your tagging</source>
        <translation>ما تعلّمه من وسمك</translation>
    </message>
    <message>
        <source>Suggested %1 “%2”: %3, %4 % sure</source>
        <translation>اقتراح %1 «%2»: %3، بثقة %4 %</translation>
    </message>
    <message>
        <source>Put the cursor on a tagged entity first.</source>
        <translation>ضع المؤشر على كيان موسوم أولاً.</translation>
    </message>
    <message>
        <source>Open or select an article first.</source>
        <translation>افتح مقالاً أو حدده أولاً.</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>تظليل</translation>
    </message>
    <message>
        <source>Add Note…</source>
        <translation>إضافة ملاحظة…</translation>
    </message>
    <message>
        <source>Tag Entity…</source>
        <translation>وسم كيان…</translation>
    </message>
    <message>
        <source>Accept “%1” (%2)</source>
        <translation>قبول «%1» (%2)</translation>
    </message>
    <message>
        <source>Reject “%1”</source>
        <translation>رفض «%1»</translation>
    </message>
    <message>
        <source>Tag All Occurrences of “%1”…</source>
        <translation>وسم كل مواضع «%1»…</translation>
    </message>
    <message>
        <source>Relate “%1” to…</source>
        <translation>ربط «%1» بـ…</translation>
    </message>
    <message>
        <source>Edit Note on “%1”…</source>
        <translation>تحرير الملاحظة على «%1»…</translation>
    </message>
    <message>
        <source>Remove “%1”</source>
        <translation>إزالة «%1»</translation>
    </message>
    <message>
        <source>Merge “%1” into “%2”</source>
        <translation>دمج «%1» في «%2»</translation>
    </message>
</context>
<context>
    <name>ArticleInfoPanel</name>
    <message>
        <source>This library is read-only.</source>
        <translation>هذه المكتبة للقراءة فقط.</translation>
    </message>
    <message>
        <source>Captured:</source>
        <translation>الالتقاط:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>العنوان:</translation>
    </message>
    <message>
        <source>Record:</source>
        <translation>السجل:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>الملف:</translation>
    </message>
    <message>
        <source>An article needs a title: the title was kept.</source>
        <translation>لا بد للمقال من عنوان: أُبقي العنوان السابق.</translation>
    </message>
    <message>
        <source>Not a date: write it as 2024-05-01 (or 2024-05, or a date and time).</source>
        <translation>ليس تاريخاً: اكتبه هكذا 2024-05-01 (أو 2024-05، أو تاريخاً ووقتاً).</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>العنوان الرئيسي:</translation>
    </message>
    <message>
        <source>Authors:</source>
        <translation>الكتّاب:</translation>
    </message>
    <message>
        <source>Publisher:</source>
        <translation>الناشر:</translation>
    </message>
    <message>
        <source>Section:</source>
        <translation>القسم:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>اللغة:</translation>
    </message>
    <message>
        <source>Published:</source>
        <translation>تاريخ النشر:</translation>
    </message>
    <message>
        <source>Modified:</source>
        <translation>تاريخ التعديل:</translation>
    </message>
    <message>
        <source>Identifier:</source>
        <translation>المعرّف:</translation>
    </message>
    <message>
        <source>Names, separated by ;</source>
        <translation>أسماء تفصل بينها ؛</translation>
    </message>
    <message>
        <source>ar, en…</source>
        <translation>ar، en…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>افتح</translation>
    </message>
    <message>
        <source>Open the address in the web browser</source>
        <translation>افتح العنوان في متصفح الويب</translation>
    </message>
    <message>
        <source>Captures</source>
        <translation>الالتقاطات</translation>
    </message>
    <message>
        <source>The web archive records the article was read from</source>
        <translation>سجلات أرشيف الويب التي قُرئ منها المقال</translation>
    </message>
    <message>
        <source>No web archive capture is recorded.</source>
        <translation>لا التقاط مسجّلاً من أرشيف الويب.</translation>
    </message>
    <message>
        <source>Open an article to see its details.</source>
        <translation>افتح مقالاً لترى بياناته.</translation>
    </message>
</context>
<context>
    <name>AuthorLayers</name>
    <message>
        <source>&amp;Layers</source>
        <translation>ال&amp;طبقات</translation>
    </message>
    <message>
        <source>&amp;Colour Mentions by Author</source>
        <translation>&amp;تلوين الإشارات حسب المؤلف</translation>
    </message>
    <message>
        <source>Underline each entity mention in its author&apos;s colour, not its type&apos;s</source>
        <translation>سطّر كل إشارة كيان بلون مؤلفها لا بلون نوعها</translation>
    </message>
    <message>
        <source>Show &amp;All Layers</source>
        <translation>إظهار &amp;كل الطبقات</translation>
    </message>
    <message>
        <source>No annotations yet</source>
        <translation>لا تعليقات بعد</translation>
    </message>
    <message>
        <source>Unattributed</source>
        <translation>بلا مؤلف</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %Ln annotation(s)</source>
        <translation>
            <numerusform>%1 — %Ln تعليق</numerusform>
            <numerusform>%1 — تعليق واحد</numerusform>
            <numerusform>%1 — تعليقان</numerusform>
            <numerusform>%1 — %Ln تعليقات</numerusform>
            <numerusform>%1 — %Ln تعليقًا</numerusform>
            <numerusform>%1 — %Ln تعليق</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>Check Library</source>
        <translation>فحص المكتبة</translation>
    </message>
    <message>
        <source>The library is sound: %1, %2.</source>
        <translation>المكتبة سليمة: %1، %2.</translation>
    </message>
    <message>
        <source>Every problem was repaired (%1, %2).</source>
        <translation>أُصلحت كل المشكلات (%1، %2).</translation>
    </message>
    <message>
        <source>Problems found in the library (%1, %2):</source>
        <translation>وُجدت مشكلات في المكتبة (%1، %2):</translation>
    </message>
    <message numerus="yes">
        <source>%Ln article(s)</source>
        <translation>
            <numerusform>%Ln مقال</numerusform>
            <numerusform>مقال واحد</numerusform>
            <numerusform>مقالان</numerusform>
            <numerusform>%Ln مقالات</numerusform>
            <numerusform>%Ln مقالًا</numerusform>
            <numerusform>%Ln مقال</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln annotation(s)</source>
        <translation>
            <numerusform>%Ln تعليق</numerusform>
            <numerusform>تعليق واحد</numerusform>
            <numerusform>تعليقان</numerusform>
            <numerusform>%Ln تعليقات</numerusform>
            <numerusform>%Ln تعليقًا</numerusform>
            <numerusform>%Ln تعليق</numerusform>
        </translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>إصلاح</translation>
    </message>
</context>
<context>
    <name>ConcordanceModel</name>
    <message>
        <source>Before</source>
        <translation>قبل</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>الكلمة</translation>
    </message>
    <message>
        <source>After</source>
        <translation>بعد</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>المقال</translation>
    </message>
</context>
<context>
    <name>ConcordanceView</name>
    <message>
        <source>A word, a phrase in quotes, or entity: and a name</source>
        <translation>كلمة، أو عبارة بين علامتي تنصيص، أو entity: واسم</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>إظهار</translation>
    </message>
    <message>
        <source>Selected &amp;Entity</source>
        <translation>الكيان ال&amp;محدد</translation>
    </message>
    <message>
        <source>Every mention of the entity selected in the Entities panel</source>
        <translation>كل إشارة إلى الكيان المحدد في لوحة الكيانات</translation>
    </message>
    <message>
        <source>&amp;Sort by:</source>
        <translation>ال&amp;ترتيب حسب:</translation>
    </message>
    <message>
        <source>Article order</source>
        <translation>ترتيب المقالات</translation>
    </message>
    <message>
        <source>1st word before</source>
        <translation>الكلمة الأولى قبلها</translation>
    </message>
    <message>
        <source>2nd word before</source>
        <translation>الكلمة الثانية قبلها</translation>
    </message>
    <message>
        <source>1st word after</source>
        <translation>الكلمة الأولى بعدها</translation>
    </message>
    <message>
        <source>2nd word after</source>
        <translation>الكلمة الثانية بعدها</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;تصدير CSV…</translation>
    </message>
    <message>
        <source>Save these lines as a CSV file</source>
        <translation>احفظ هذه الأسطر في ملف CSV</translation>
    </message>
    <message>
        <source>Choose an entity in the Entities panel first.</source>
        <translation>اختر كيانًا في لوحة الكيانات أولًا.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>حُفظ %1</translation>
    </message>
    <message>
        <source>Type a word to look for.</source>
        <translation>اكتب كلمة للبحث عنها.</translation>
    </message>
    <message>
        <source>Add a word to look for: “-word” only leaves lines out.</source>
        <translation>أضف كلمة للبحث عنها: «-كلمة» تستبعد أسطرًا فقط.</translation>
    </message>
    <message>
        <source>No entity has that name or id.</source>
        <translation>لا كيان بهذا الاسم أو المعرّف.</translation>
    </message>
    <message>
        <source>The search index is out of date; open the library for writing to rebuild it.</source>
        <translation>فهرس البحث قديم؛ افتح المكتبة للكتابة لإعادة بنائه.</translation>
    </message>
    <message>
        <source>This query could not be run.</source>
        <translation>تعذّر تنفيذ هذا الاستعلام.</translation>
    </message>
    <message>
        <source>Type a word to see every place it occurs in the library.</source>
        <translation>اكتب كلمة لترى كل موضع ترد فيه في المكتبة.</translation>
    </message>
    <message>
        <source>Reading… lines so far: %1</source>
        <translation>جارٍ القراءة… الأسطر حتى الآن: %1</translation>
    </message>
    <message>
        <source>No occurrences.</source>
        <translation>لا مواضع.</translation>
    </message>
    <message>
        <source>Only the first %1 lines; narrow the query to see the rest.</source>
        <translation>أول %1 سطر فقط؛ ضيّق الاستعلام لترى الباقي.</translation>
    </message>
    <message>
        <source>Lines: %1 · Articles: %2</source>
        <translation>الأسطر: %1 · المقالات: %2</translation>
    </message>
    <message>
        <source>Export the Concordance</source>
        <translation>تصدير الكشاف السياقي</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>ملفات CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>CurationView</name>
    <message>
        <source>Check the annotators whose versions you want to compare.</source>
        <translation>حدّد المعلِّقين الذين تريد مقارنة نسخهم.</translation>
    </message>
    <message>
        <source>Accept (%1)</source>
        <translation>قبول (%1)</translation>
    </message>
    <message>
        <source>Curated</source>
        <translation>المنقَّحة</translation>
    </message>
    <message>
        <source>Accept Selection</source>
        <translation>قبول التحديد</translation>
    </message>
    <message>
        <source>agreed</source>
        <translation>متفق عليه</translation>
    </message>
    <message>
        <source>one-sided</source>
        <translation>من طرف واحد</translation>
    </message>
    <message>
        <source>type differs</source>
        <translation>النوع مختلف</translation>
    </message>
    <message>
        <source>boundaries differ</source>
        <translation>الحدود مختلفة</translation>
    </message>
    <message>
        <source>type and boundaries differ</source>
        <translation>النوع والحدود مختلفان</translation>
    </message>
    <message>
        <source>No disagreements in this article.</source>
        <translation>لا خلافات في هذا المقال.</translation>
    </message>
    <message>
        <source>No entity mentions to curate in this article.</source>
        <translation>لا إشارات كيانات لتنقيحها في هذا المقال.</translation>
    </message>
    <message>
        <source>No mention here</source>
        <translation>لا إشارة هنا</translation>
    </message>
    <message>
        <source>Not decided yet</source>
        <translation>لم يُحسم بعد</translation>
    </message>
    <message>
        <source>Nothing tagged</source>
        <translation>لا شيء موسوم</translation>
    </message>
    <message>
        <source>%1 of %2 decided</source>
        <translation>حُسم %1 من %2</translation>
    </message>
    <message>
        <source>Curate Article</source>
        <translation>تنقيح المقال</translation>
    </message>
    <message>
        <source>Annotators:</source>
        <translation>المعلِّقون:</translation>
    </message>
    <message>
        <source>Show agreed items</source>
        <translation>إظهار المتفق عليه</translation>
    </message>
    <message>
        <source>Accept as:</source>
        <translation>قبول بوصفه:</translation>
    </message>
    <message>
        <source>No Mention (0)</source>
        <translation>لا إشارة (0)</translation>
    </message>
    <message>
        <source>Accept All Agreed</source>
        <translation>قبول كل المتفق عليه</translation>
    </message>
    <message>
        <source>Next Undecided (Enter)</source>
        <translation>التالي غير المحسوم (Enter)</translation>
    </message>
    <message>
        <source>the type as tagged</source>
        <translation>النوع كما وُسم</translation>
    </message>
    <message>
        <source>Select words that overlap the item.</source>
        <translation>حدّد كلمات تتداخل مع البند.</translation>
    </message>
</context>
<context>
    <name>EntityDialog</name>
    <message>
        <source>Tag Entity</source>
        <translation>وسم كيان</translation>
    </message>
    <message>
        <source>Include the attached “%1” in the mention</source>
        <translation>إدخال «%1» المتصلة في الإشارة</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>وسم</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>النوع:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <source>A new entity will be created.</source>
        <translation>سيُنشأ كيان جديد.</translation>
    </message>
    <message>
        <source>Links to “%1” (%2).</source>
        <translation>يرتبط بـ«%1» (%2).</translation>
    </message>
    <message>
        <source>Close to “%1” (%2): you will be asked whether it is another name of it.</source>
        <translation>قريب من «%1» (%2): ستُسأل هل هو اسم آخر له.</translation>
    </message>
</context>
<context>
    <name>EntityEditDialog</name>
    <message>
        <source>Edit Entity</source>
        <translation>تحرير الكيان</translation>
    </message>
    <message>
        <source>Other names, one a line</source>
        <translation>أسماء أخرى، اسم في كل سطر</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>النوع:</translation>
    </message>
    <message>
        <source>Aliases:</source>
        <translation>الأسماء البديلة:</translation>
    </message>
</context>
<context>
    <name>EntityIndexModel</name>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>الأسماء البديلة</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>الإشارات</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>المقالات</translation>
    </message>
</context>
<context>
    <name>EntityIndexPanel</name>
    <message>
        <source>All types</source>
        <translation>كل الأنواع</translation>
    </message>
    <message>
        <source>Choose an entity to see its mentions.</source>
        <translation>اختر كياناً لترى إشاراته.</translation>
    </message>
    <message>
        <source>Mentions of “%1”: %2, in %3 articles</source>
        <translation>إشارات «%1»: %2، في %3 من المقالات</translation>
    </message>
    <message>
        <source>Glossary Terms…</source>
        <translation>مصطلحات المسرد…</translation>
    </message>
    <message>
        <source>How this entity is to be translated, and how not</source>
        <translation>كيف يُترجم هذا الكيان، وكيف لا يُترجم</translation>
    </message>
    <message>
        <source>Filter entities</source>
        <translation>تصفية الكيانات</translation>
    </message>
    <message>
        <source>Filter the Library</source>
        <translation>تصفية المكتبة</translation>
    </message>
    <message>
        <source>Show only the articles that mention this entity</source>
        <translation>عرض المقالات التي تشير إلى هذا الكيان فقط</translation>
    </message>
    <message>
        <source>Tag All Occurrences…</source>
        <translation>وسم كل المواضع…</translation>
    </message>
    <message>
        <source>Find this entity&apos;s untagged occurrences</source>
        <translation>البحث عن مواضع هذا الكيان غير الموسومة</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>تحرير…</translation>
    </message>
    <message>
        <source>Name, type and aliases</source>
        <translation>الاسم والنوع والأسماء البديلة</translation>
    </message>
    <message>
        <source>Merge Into…</source>
        <translation>دمج في…</translation>
    </message>
    <message>
        <source>Move every mention to another entity</source>
        <translation>نقل كل الإشارات إلى كيان آخر</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>Delete the entity and all its mentions</source>
        <translation>حذف الكيان وكل إشاراته</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>الكيانات</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>الإشارات</translation>
    </message>
    <message>
        <source>Relations</source>
        <translation>العلاقات</translation>
    </message>
</context>
<context>
    <name>EntityPickerDialog</name>
    <message>
        <source>Filter names</source>
        <translation>تصفية الأسماء</translation>
    </message>
</context>
<context>
    <name>EntityRelationModel</name>
    <message>
        <source>This entity is the source of the relation</source>
        <translation>هذا الكيان مصدر العلاقة</translation>
    </message>
    <message>
        <source>This entity is the target of the relation</source>
        <translation>هذا الكيان هدف العلاقة</translation>
    </message>
    <message>
        <source>outgoing</source>
        <translation>صادرة</translation>
    </message>
    <message>
        <source>incoming</source>
        <translation>واردة</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>الاتجاه</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>العلاقة</translation>
    </message>
    <message>
        <source>Other entity</source>
        <translation>الكيان الآخر</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>المرات</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>المقالات</translation>
    </message>
</context>
<context>
    <name>EntityRelationsPane</name>
    <message>
        <source>Choose an entity to see its relations.</source>
        <translation>اختر كيانًا لترى علاقاته.</translation>
    </message>
    <message>
        <source>No relations of “%1” yet.</source>
        <translation>لا علاقات لـ«%1» بعد.</translation>
    </message>
    <message>
        <source>Relations of “%1”: %2</source>
        <translation>علاقات «%1»: %2</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export annotations</source>
        <translation>تصدير التعليقات</translation>
    </message>
    <message>
        <source>Markdown notes</source>
        <translation>ملاحظات ⁨Markdown⁩</translation>
    </message>
    <message>
        <source>CSV (one row per annotation)</source>
        <translation>⁨CSV⁩ (صف لكل تعليق)</translation>
    </message>
    <message>
        <source>W3C Web Annotation (JSON-LD)</source>
        <translation>تعليقات الويب ⁨W3C⁩ (⁨JSON-LD⁩)</translation>
    </message>
    <message>
        <source>brat standoff (.txt + .ann, zipped)</source>
        <translation>⁨brat standoff⁩ (⁨.txt⁩ و⁨.ann⁩ في ملف مضغوط)</translation>
    </message>
    <message>
        <source>CoNLL IOB2 (entity tags)</source>
        <translation>⁨CoNLL IOB2⁩ (وسوم الكيانات)</translation>
    </message>
    <message>
        <source>TEI P5 XML</source>
        <translation>ترميز ⁨TEI P5⁩ (⁨XML⁩)</translation>
    </message>
    <message>
        <source>Word document (DOCX)</source>
        <translation>مستند ⁨Word⁩ (⁨DOCX⁩)</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>مستند ⁨PDF⁩</translation>
    </message>
    <message>
        <source>Citations: CSL-JSON (Zotero, citeproc)</source>
        <translation>استشهادات: ⁨CSL-JSON⁩ (⁨Zotero⁩ و⁨citeproc⁩)</translation>
    </message>
    <message>
        <source>Citations: RIS (EndNote, Zotero, Mendeley)</source>
        <translation>استشهادات: ⁨RIS⁩ (⁨EndNote⁩ و⁨Zotero⁩ و⁨Mendeley⁩)</translation>
    </message>
    <message>
        <source>Citations: BibTeX (biblatex)</source>
        <translation>استشهادات: ⁨BibTeX⁩ (⁨biblatex⁩)</translation>
    </message>
    <message>
        <source>Archival package: BagIt folder (articles, metadata, annotations)</source>
        <translation>حزمة أرشيفية: مجلد ⁨BagIt⁩ (المقالات والبيانات والتعليقات)</translation>
    </message>
    <message>
        <source>Translation: XLIFF 2.1 (CAT tools)</source>
        <translation>ترجمة: ⁨XLIFF 2.1⁩ (أدوات الترجمة بمساعدة الحاسوب)</translation>
    </message>
    <message>
        <source>Translation: XLIFF 1.2 (CAT tools)</source>
        <translation>ترجمة: ⁨XLIFF 1.2⁩ (أدوات الترجمة بمساعدة الحاسوب)</translation>
    </message>
    <message>
        <source>Translation memory: TMX 1.4b</source>
        <translation>ذاكرة ترجمة: ⁨TMX 1.4b⁩</translation>
    </message>
    <message>
        <source>Glossary: TBX-Basic</source>
        <translation>مسرد: ⁨TBX-Basic⁩</translation>
    </message>
    <message>
        <source>Glossary: OmegaT (tab-separated)</source>
        <translation>مسرد: ⁨OmegaT⁩ (مفصول بعلامات الجدولة)</translation>
    </message>
    <message>
        <source>Translation: bilingual Word document (DOCX)</source>
        <translation>ترجمة: مستند ⁨Word⁩ ثنائي اللغة (⁨DOCX⁩)</translation>
    </message>
    <message>
        <source>CoNLL-2003 (-DOCSTART- between articles; spaCy, seqeval)</source>
        <translation>⁨CoNLL-2003⁩ (⁨-DOCSTART-⁩ بين المقالات؛ ⁨spaCy⁩ و⁨seqeval⁩)</translation>
    </message>
    <message>
        <source>With comment lines (# doc_id, # title; Hashiya&apos;s earlier layout)</source>
        <translation>بأسطر تعليق (⁨# doc_id⁩ و⁨# title⁩؛ تنسيق حاشية السابق)</translation>
    </message>
    <message>
        <source>Where to write the export</source>
        <translation>مكان حفظ الملف المُصدَّر</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>All articles</source>
        <translation>كل المقالات</translation>
    </message>
    <message numerus="yes">
        <source>Selected articles (%n)</source>
        <translation>
            <numerusform>المقالات المحددة (%n)</numerusform>
            <numerusform>المقالات المحددة (%n)</numerusform>
            <numerusform>المقالات المحددة (%n)</numerusform>
            <numerusform>المقالات المحددة (%n)</numerusform>
            <numerusform>المقالات المحددة (%n)</numerusform>
            <numerusform>المقالات المحددة (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Search result: %1</source>
        <translation>نتيجة البحث: %1</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>التظليلات</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>الملاحظات</translation>
    </message>
    <message>
        <source>Entity mentions</source>
        <translation>إشارات الكيانات</translation>
    </message>
    <message>
        <source>Only articles dated from</source>
        <translation>المقالات المؤرخة فقط من</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>الصيغة:</translation>
    </message>
    <message>
        <source>CoNLL dialect:</source>
        <translation>صيغة ⁨CoNLL⁩:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>الملف:</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>المقالات</translation>
    </message>
    <message>
        <source>With the tag:</source>
        <translation>بالوسم:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>التعليقات</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>الألوان</translation>
    </message>
    <message>
        <source>Entity types</source>
        <translation>أنواع الكيانات</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>الطبقات</translation>
    </message>
    <message>
        <source>Unattributed</source>
        <translation>بلا مؤلف</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%Ln)</source>
        <translation>
            <numerusform>%1 (%Ln)</numerusform>
            <numerusform>%1 (%Ln)</numerusform>
            <numerusform>%1 (%Ln)</numerusform>
            <numerusform>%1 (%Ln)</numerusform>
            <numerusform>%1 (%Ln)</numerusform>
            <numerusform>%1 (%Ln)</numerusform>
        </translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>أي وسم</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>تصدير إلى</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>كل الملفات (*)</translation>
    </message>
    <message>
        <source>Choose where to write the export.</source>
        <translation>اختر مكان حفظ الملف المُصدَّر.</translation>
    </message>
    <message>
        <source>Choose at least one kind of annotation.</source>
        <translation>اختر نوعًا واحدًا من التعليقات على الأقل.</translation>
    </message>
    <message>
        <source>That is the library&apos;s own file: choose another name.</source>
        <translation>هذا ملف المكتبة نفسه: اختر اسمًا آخر.</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>استبدال الملف؟</translation>
    </message>
    <message>
        <source>%1 exists. Replace it?</source>
        <translation>الملف %1 موجود. هل تريد استبداله؟</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>لم يُكتب شيء.</translation>
    </message>
    <message>
        <source>The name now ends in %1, as the format chosen writes.</source>
        <translation>صار الاسم ينتهي بـ%1 كما يكتب التنسيق المختار.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
    <message>
        <source>Exported %1 from %2 to %3.</source>
        <translation>صُدِّر %1 من %2 إلى %3.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln annotation(s)</source>
        <translation>
            <numerusform>%Ln تعليق</numerusform>
            <numerusform>تعليق واحد</numerusform>
            <numerusform>تعليقان</numerusform>
            <numerusform>%Ln تعليقات</numerusform>
            <numerusform>%Ln تعليقًا</numerusform>
            <numerusform>%Ln تعليق</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln article(s)</source>
        <translation>
            <numerusform>%Ln مقال</numerusform>
            <numerusform>مقال واحد</numerusform>
            <numerusform>مقالين</numerusform>
            <numerusform>%Ln مقالات</numerusform>
            <numerusform>%Ln مقالًا</numerusform>
            <numerusform>%Ln مقال</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln relation(s) between mentions in %1.</source>
        <translation>
            <numerusform>%Ln علاقة بين الإشارات في %1.</numerusform>
            <numerusform>علاقة واحدة بين الإشارات في %1.</numerusform>
            <numerusform>علاقتان بين الإشارات في %1.</numerusform>
            <numerusform>%Ln علاقات بين الإشارات في %1.</numerusform>
            <numerusform>%Ln علاقة بين الإشارات في %1.</numerusform>
            <numerusform>%Ln علاقة بين الإشارات في %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln relation(s) between mentions included.</source>
        <translation>
            <numerusform>ضُمّنت %Ln علاقة بين الإشارات.</numerusform>
            <numerusform>ضُمّنت علاقة واحدة بين الإشارات.</numerusform>
            <numerusform>ضُمّنت علاقتان بين الإشارات.</numerusform>
            <numerusform>ضُمّنت %Ln علاقات بين الإشارات.</numerusform>
            <numerusform>ضُمّنت %Ln علاقة بين الإشارات.</numerusform>
            <numerusform>ضُمّنت %Ln علاقة بين الإشارات.</numerusform>
        </translation>
    </message>
    <message>
        <source>notes on a whole article (brat has no document notes)</source>
        <translation>ملاحظات على المقال كله (لا يعرف brat ملاحظات المستند)</translation>
    </message>
    <message>
        <source>highlights and notes (CoNLL holds entity mentions only)</source>
        <translation>التظليلات والملاحظات (لا يحمل CoNLL إلا ذكر الكيانات)</translation>
    </message>
    <message>
        <source>mentions inside or across another mention (CoNLL is flat)</source>
        <translation>ذكرٌ داخل ذكر آخر أو متقاطع معه (CoNLL مسطّح)</translation>
    </message>
    <message>
        <source>mentions whose entity is not exported</source>
        <translation>ذكرٌ لم يُصدَّر كيانه</translation>
    </message>
    <message>
        <source>their target mention is not exported</source>
        <translation>إشارتها الهدف غير مُصدَّرة</translation>
    </message>
    <message>
        <source>they point at an entity not mentioned again in the article (brat links mentions only)</source>
        <translation>تشير إلى كيان لا يُذكر مرة أخرى في المقال (brat يربط الإشارات فقط)</translation>
    </message>
    <message>
        <source>this format has no place for links between mentions</source>
        <translation>لا مكان في هذه الصيغة للروابط بين الإشارات</translation>
    </message>
    <message numerus="yes">
        <source>%Ln relation(s)</source>
        <translation>
            <numerusform>%Ln علاقة</numerusform>
            <numerusform>علاقة واحدة</numerusform>
            <numerusform>علاقتان</numerusform>
            <numerusform>%Ln علاقات</numerusform>
            <numerusform>%Ln علاقة</numerusform>
            <numerusform>%Ln علاقة</numerusform>
        </translation>
    </message>
    <message>
        <source>Left out %1: %2.</source>
        <translation>تُرك %1: %2.</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>فشل التصدير: %1</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>فشل التصدير</translation>
    </message>
    <message>
        <source>The export failed.</source>
        <translation>فشل التصدير.</translation>
    </message>
</context>
<context>
    <name>FileDialog</name>
    <message>
        <source>Drive</source>
        <translation>قرص</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>مجلد</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>ملف %1</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ملف</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Not found</source>
        <translation>لا نتائج</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 من %2</translation>
    </message>
    <message>
        <source>Find in this article</source>
        <translation>ابحث في هذا المقال</translation>
    </message>
    <message>
        <source>Previous match (%1)</source>
        <translation>المطابقة السابقة (%1)</translation>
    </message>
    <message>
        <source>Next match (%1)</source>
        <translation>المطابقة التالية (%1)</translation>
    </message>
    <message>
        <source>Close the Find bar (Esc)</source>
        <translation>إغلاق شريط البحث (Esc)</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>المطابقة السابقة</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>المطابقة التالية</translation>
    </message>
    <message>
        <source>Close the Find bar</source>
        <translation>إغلاق شريط البحث</translation>
    </message>
</context>
<context>
    <name>GlossaryStrip</name>
    <message>
        <source>not: %1</source>
        <translation>لا: %1</translation>
    </message>
    <message>
        <source>Double-click to change the translation of “%1”</source>
        <translation>انقر مرتين لتغيير ترجمة «%1»</translation>
    </message>
    <message>
        <source>“%1” has no glossary term yet: double-click to give it one</source>
        <translation>لا مصطلح لـ«%1» في المسرد بعد: انقر مرتين لتعطيه واحدًا</translation>
    </message>
    <message>
        <source>Segment %1</source>
        <translation>المقطع %1</translation>
    </message>
    <message>
        <source>uses “%1”, not to be used for %2</source>
        <translation>تستعمل «%1»، وهو محظور لـ%2</translation>
    </message>
    <message>
        <source>does not use “%1” for %2</source>
        <translation>لا تستعمل «%1» لـ%2</translation>
    </message>
    <message>
        <source>Consistency: every translation uses its glossary terms.</source>
        <translation>الاتساق: كل ترجمة تستعمل مصطلحات مسردها.</translation>
    </message>
    <message>
        <source>Consistency: %1 to look at (click to go there)</source>
        <translation>الاتساق: %1 للمراجعة (انقر للانتقال)</translation>
    </message>
    <message>
        <source>Add a Term for This Entity…</source>
        <translation>إضافة مصطلح لهذا الكيان…</translation>
    </message>
    <message>
        <source>Glossary Terms…</source>
        <translation>مصطلحات المسرد…</translation>
    </message>
    <message>
        <source>Glossary</source>
        <translation>المسرد</translation>
    </message>
    <message>
        <source>No glossary term in this segment</source>
        <translation>لا مصطلح من المسرد في هذا المقطع</translation>
    </message>
    <message>
        <source>Check Consistency</source>
        <translation>افحص الاتساق</translation>
    </message>
    <message>
        <source>List the segments of this article whose translation misses the glossary term of an entity the Arabic names, or uses a forbidden one</source>
        <translation>اعرض مقاطع هذا المقال التي تخلو ترجمتها من مصطلح المسرد لكيان يذكره النص العربي، أو تستعمل مصطلحاً محظوراً</translation>
    </message>
</context>
<context>
    <name>GlossaryTermsDialog</name>
    <message>
        <source>Glossary Terms</source>
        <translation>مصطلحات المسرد</translation>
    </message>
    <message>
        <source>How “%1” is translated into %2</source>
        <translation>كيف يُترجم «%1» إلى %2</translation>
    </message>
    <message>
        <source>The translation to use</source>
        <translation>الترجمة المعتمدة</translation>
    </message>
    <message>
        <source>Spellings not to use, one a line</source>
        <translation>صيغ لا تُستعمل، واحدة في كل سطر</translation>
    </message>
    <message>
        <source>The consistency check lists the translations that name this entity without the translation to use, or with a spelling not to use. Leave both empty to take the entity out of the glossary.</source>
        <translation>يسرد فحص الاتساق الترجمات التي تذكر هذا الكيان دون الترجمة المعتمدة أو بصيغة لا تُستعمل. اترك الحقلين فارغين لإخراج الكيان من المسرد.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Translation to use:</source>
        <translation>الترجمة المعتمدة:</translation>
    </message>
    <message>
        <source>Not to use:</source>
        <translation>لا تُستعمل:</translation>
    </message>
    <message>
        <source>“%1” cannot be both the translation to use and one not to use.</source>
        <translation>لا يمكن أن تكون «%1» الترجمة المعتمدة وصيغة لا تُستعمل معًا.</translation>
    </message>
</context>
<context>
    <name>HintPage</name>
    <message>
        <source>Choose an article in the library, or search all of them (Ctrl+K).</source>
        <translation>اختر مقالًا من المكتبة، أو ابحث فيها كلها (Ctrl+K).</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>Importing</source>
        <translation>جارٍ الاستيراد</translation>
    </message>
    <message>
        <source>Looking for files…</source>
        <translation>جارٍ البحث عن الملفات…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Cancelling after the current file…</source>
        <translation>سيتوقف الاستيراد بعد الملف الحالي…</translation>
    </message>
    <message>
        <source>Building the library&apos;s indexes…
Imported: %1 · Duplicates: %2</source>
        <translation>تُبنى فهارس المكتبة…
مستورد: %1 · مكرر: %2</translation>
    </message>
    <message>
        <source>File %1 of %2: %3
Imported: %4 · Duplicates: %5 · Skipped: %6</source>
        <translation>الملف %1 من %2: %3
مستورد: %4 · مكرر: %5 · متخطى: %6</translation>
    </message>
</context>
<context>
    <name>ImportSummaryDialog</name>
    <message>
        <source>Import finished</source>
        <translation>انتهى الاستيراد</translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>أُلغي الاستيراد</translation>
    </message>
    <message>
        <source>The import was cancelled; what was imported before stays in the library.</source>
        <translation>أُلغي الاستيراد، وما استُورد قبل الإلغاء باقٍ في المكتبة.</translation>
    </message>
    <message>
        <source>Imported: %1 · Duplicates: %2 · Skipped: %3</source>
        <translation>مستورد: %1 · مكرر: %2 · متخطى: %3</translation>
    </message>
    <message>
        <source>Duplicates are articles already in the library; they were not added again.</source>
        <translation>المكررات مقالات موجودة في المكتبة من قبل، فلم تُضف مرة أخرى.</translation>
    </message>
    <message>
        <source>Skipped file</source>
        <translation>الملف المتخطى</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>These files were not imported:</source>
        <translation>لم تُستورد هذه الملفات:</translation>
    </message>
    <message>
        <source>No such file or folder</source>
        <translation>لا يوجد ملف أو مجلد بهذا الاسم</translation>
    </message>
    <message>
        <source>Not a kind of file Hashiya reads</source>
        <translation>نوع ملف لا تقرؤه حاشية</translation>
    </message>
    <message>
        <source>Too large</source>
        <translation>أكبر من الحد المسموح</translation>
    </message>
    <message>
        <source>Empty file</source>
        <translation>ملف فارغ</translation>
    </message>
    <message>
        <source>Not a text file</source>
        <translation>ليس ملفاً نصياً</translation>
    </message>
    <message>
        <source>Text in an unknown encoding</source>
        <translation>نص بترميز غير معروف</translation>
    </message>
    <message>
        <source>Damaged or not in the expected format</source>
        <translation>تالف أو ليس بالصيغة المتوقعة</translation>
    </message>
    <message>
        <source>No article text found</source>
        <translation>لم يُعثر على نص مقال</translation>
    </message>
    <message>
        <source>Could not be read</source>
        <translation>تعذرت قراءته</translation>
    </message>
    <message>
        <source>Not a regular file (a device, pipe or socket)</source>
        <translation>ليس ملفًا عاديًا (جهاز أو أنبوب أو مقبس)</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>الكلمات</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>الملاحظات</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>الكاتب</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>الناشر</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>القسم</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>التعديل</translation>
    </message>
    <message>
        <source>Translated</source>
        <translation>مترجم</translation>
    </message>
    <message>
        <source>%1 of %2 segments translated</source>
        <translation>تُرجم %1 من %2 مقطعاً</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <source>Filter titles</source>
        <translation>تصفية العناوين</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>المقالات</translation>
    </message>
</context>
<context>
    <name>LibraryScopeBox</name>
    <message>
        <source>All articles</source>
        <translation>كل المقالات</translation>
    </message>
    <message>
        <source>Article tags</source>
        <translation>وسوم المقالات</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>الترجمة</translation>
    </message>
    <message>
        <source>Untranslated</source>
        <translation>غير مترجم</translation>
    </message>
    <message>
        <source>Translation in progress</source>
        <translation>ترجمة جارية</translation>
    </message>
    <message>
        <source>Translated</source>
        <translation>مترجم</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>مُراجَع</translation>
    </message>
    <message>
        <source>Publishers</source>
        <translation>الناشرون</translation>
    </message>
    <message>
        <source>Authors</source>
        <translation>الكتّاب</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>الكيانات</translation>
    </message>
    <message>
        <source>Show all articles, or those with a tag, a translation status, a publisher, an author or an entity</source>
        <translation>اعرض كل المقالات، أو ما يحمل وسماً أو حالة ترجمة أو ناشراً أو كاتباً أو كياناً</translation>
    </message>
</context>
<context>
    <name>LibraryTroubleBox</name>
    <message>
        <source>Cannot open the library</source>
        <translation>تعذر فتح المكتبة</translation>
    </message>
    <message>
        <source>Cannot open the library %1.</source>
        <translation>تعذر فتح المكتبة %1.</translation>
    </message>
    <message>
        <source>Restore from Backup…</source>
        <translation>استعادة من نسخة احتياطية…</translation>
    </message>
    <message>
        <source>Open Another Library…</source>
        <translation>فتح مكتبة أخرى…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>إنهاء</translation>
    </message>
</context>
<context>
    <name>Look</name>
    <message>
        <source>Highlight</source>
        <translation>تظليل</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>اقتباس</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>ادعاء</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>للتحقق</translation>
    </message>
    <message>
        <source>Important</source>
        <translation>مهم</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>شخص</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>منظمة</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>مكان</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>تاريخ</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>حدث</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>أخرى</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Library</source>
        <translation>المكتبة</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>البحث</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>التعليقات</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>الكيانات</translation>
    </message>
    <message>
        <source>Article Info</source>
        <translation>بيانات المقال</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>شريط الأدوات</translation>
    </message>
    <message>
        <source>Hashiya</source>
        <translation>حاشية</translation>
    </message>
    <message>
        <source>(read-only)</source>
        <translation>(للقراءة فقط)</translation>
    </message>
    <message>
        <source>This library is read-only: you can read and search it, not change it.</source>
        <translation>هذه المكتبة للقراءة فقط: يمكنك قراءتها والبحث فيها، لا تعديلها.</translation>
    </message>
    <message>
        <source>That article is no longer in the library.</source>
        <translation>لم يعد هذا المقال في المكتبة.</translation>
    </message>
    <message>
        <source>New Library</source>
        <translation>مكتبة جديدة</translation>
    </message>
    <message>
        <source>Hashiya libraries (*.sqlite)</source>
        <translation>مكتبات حاشية (*.sqlite)</translation>
    </message>
    <message>
        <source>Open Library</source>
        <translation>فتح مكتبة</translation>
    </message>
    <message>
        <source>Hashiya libraries (*.sqlite);;All files (*)</source>
        <translation>مكتبات حاشية (*.sqlite);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Wait for the import to finish first.</source>
        <translation>انتظر حتى ينتهي الاستيراد أولًا.</translation>
    </message>
    <message>
        <source>Cannot open this library.</source>
        <translation>تعذّر فتح هذه المكتبة.</translation>
    </message>
    <message>
        <source>Library File</source>
        <translation>ملف المكتبة</translation>
    </message>
    <message>
        <source>The library file was deleted or moved away while it was open. Nothing more is written to it, and this window is read-only until the file is back: put it back, or open or restore a library.</source>
        <translation>حُذف ملف المكتبة أو نُقل وهو مفتوح. لن يُكتب فيه شيء بعد الآن، وستبقى هذه النافذة للقراءة فقط حتى يعود الملف: أعده إلى مكانه، أو افتح مكتبة أو استعدها من نسخة احتياطية.</translation>
    </message>
    <message>
        <source>The library was reopened to hold its locks on the file again.</source>
        <translation>أُعيد فتح المكتبة لتستعيد أقفالها على الملف.</translation>
    </message>
    <message>
        <source>Another program replaced or removed the library&apos;s files while it was open. Hashiya has reopened the library: check that your latest changes are in it.</source>
        <translation>استبدل برنامج آخر ملفات المكتبة أو حذفها وهي مفتوحة. أعادت حاشية فتح المكتبة: تحقق من أن آخر تغييراتك فيها.</translation>
    </message>
    <message>
        <source>Import Files</source>
        <translation>استيراد ملفات</translation>
    </message>
    <message>
        <source>Articles (%1);;All files (*)</source>
        <translation>مقالات (%1);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Import a Folder</source>
        <translation>استيراد مجلد</translation>
    </message>
    <message>
        <source>This library is read-only.</source>
        <translation>هذه المكتبة للقراءة فقط.</translation>
    </message>
    <message>
        <source>An import is already running.</source>
        <translation>هناك استيراد جارٍ بالفعل.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>الاستيراد</translation>
    </message>
    <message>
        <source>The import stopped because of an error.</source>
        <translation>توقف الاستيراد بسبب خطأ.</translation>
    </message>
    <message>
        <source>About Hashiya</source>
        <translation>عن حاشية</translation>
    </message>
    <message>
        <source>Hashiya %1
A reader and annotator for collections of Arabic news articles.</source>
        <translation>حاشية %1
قارئ ومُعلِّق لمجموعات المقالات الإخبارية العربية.</translation>
    </message>
    <message>
        <source>Library: %1</source>
        <translation>المكتبة: %1</translation>
    </message>
    <message>
        <source>Schema version: %1</source>
        <translation>إصدار البنية: %1</translation>
    </message>
    <message>
        <source>Log file: %1</source>
        <translation>ملف السجل: %1</translation>
    </message>
    <message>
        <source>Free software under the GNU LGPL 3.0 or later. The Amiri font is under the SIL Open Font License.</source>
        <translation>برنامج حر بموجب رخصة GNU LGPL 3.0 أو أحدث. خط أميري مرخّص بموجب رخصة SIL للخطوط المفتوحة.</translation>
    </message>
    <message>
        <source>Cannot read the library</source>
        <translation>تعذرت قراءة المكتبة</translation>
    </message>
</context>
<context>
    <name>Maintenance</name>
    <message>
        <source>&amp;Check Library…</source>
        <translation>&amp;فحص المكتبة…</translation>
    </message>
    <message>
        <source>Look for damage and repair what can be rebuilt</source>
        <translation>البحث عن الأعطال وإصلاح ما يمكن إعادة بنائه</translation>
    </message>
    <message>
        <source>&amp;Back Up Now…</source>
        <translation>&amp;نسخ احتياطي الآن…</translation>
    </message>
    <message>
        <source>Save a consistent copy of the library</source>
        <translation>حفظ نسخة متسقة من المكتبة</translation>
    </message>
    <message>
        <source>&amp;Restore from Backup…</source>
        <translation>&amp;استعادة من نسخة احتياطية…</translation>
    </message>
    <message>
        <source>Replace the library by one of its backups</source>
        <translation>استبدال المكتبة بإحدى نسخها الاحتياطية</translation>
    </message>
    <message>
        <source>Re-&amp;clean Library…</source>
        <translation>إعادة &amp;تنظيف المكتبة…</translation>
    </message>
    <message>
        <source>Clean every article again from its imported text with the current rules</source>
        <translation>نظّف كل مقال من جديد من نصه المستورد بالقواعد الحالية</translation>
    </message>
    <message>
        <source>Check Library</source>
        <translation>فحص المكتبة</translation>
    </message>
    <message>
        <source>Re-clean Library</source>
        <translation>إعادة تنظيف المكتبة</translation>
    </message>
    <message>
        <source>Clean every article again from the text it was imported from, with the current rules, and move its annotations with it? The imported text is kept as it is.</source>
        <translation>هل تريد تنظيف كل مقال من جديد من النص الذي استُورد منه بالقواعد الحالية، ونقل تعليقاته معه؟ يبقى النص المستورد كما هو.</translation>
    </message>
    <message>
        <source>Re-cleaning: %1 of %2 articles</source>
        <translation>إعادة التنظيف: %1 من %2</translation>
    </message>
    <message>
        <source>Articles re-cleaned: %1; text changed in %2; annotations moved: %3</source>
        <translation>أُعيد تنظيف المقالات: %1؛ تغيّر النص في %2؛ نُقلت تعليقات: %3</translation>
    </message>
    <message>
        <source>Back Up Now</source>
        <translation>نسخ احتياطي الآن</translation>
    </message>
    <message>
        <source>Hashiya libraries (*.sqlite)</source>
        <translation>مكتبات حاشية (*.sqlite)</translation>
    </message>
    <message>
        <source>Backup saved to %1</source>
        <translation>حُفظت النسخة الاحتياطية في %1</translation>
    </message>
    <message>
        <source>Restore from Backup</source>
        <translation>استعادة من نسخة احتياطية</translation>
    </message>
    <message>
        <source>There are no backups yet.</source>
        <translation>لا توجد نسخ احتياطية بعد.</translation>
    </message>
    <message>
        <source>Replace the library by %1? The current file is kept beside it.</source>
        <translation>هل تستبدل المكتبة بـ%1؟ سيُحفظ الملف الحالي بجانبها.</translation>
    </message>
    <message>
        <source>The library is busy with an import, an export, a check or a backup. Try again when it has finished.</source>
        <translation>المكتبة مشغولة باستيراد أو تصدير أو فحص أو نسخ احتياطي. حاول مرة أخرى بعد انتهائه.</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>المكتبات ال&amp;أخيرة</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>الأ&amp;لواح</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>ال&amp;سمة</translation>
    </message>
    <message>
        <source>&amp;Interface Language</source>
        <translation>&amp;لغة الواجهة</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>ان&amp;تقال</translation>
    </message>
    <message>
        <source>Tea&amp;m</source>
        <translation>ال&amp;فريق</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;أدوات</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
</context>
<context>
    <name>NetworkEntry</name>
    <message>
        <source>Entity &amp;Network…</source>
        <translation>&amp;شبكة الكيانات…</translation>
    </message>
    <message>
        <source>A picture of who is mentioned with whom, and their relations</source>
        <translation>صورة لمن يُذكر مع من، وعلاقاتهم</translation>
    </message>
</context>
<context>
    <name>NetworkWindow</name>
    <message>
        <source>Entity Network</source>
        <translation>شبكة الكيانات</translation>
    </message>
    <message>
        <source>&amp;Types:</source>
        <translation>الأ&amp;نواع:</translation>
    </message>
    <message>
        <source>&amp;Linked when in:</source>
        <translation>مرتبطان إذا وردا في:</translation>
    </message>
    <message>
        <source>Lightest &amp;link:</source>
        <translation>أخف &amp;رابط:</translation>
    </message>
    <message>
        <source>&amp;Entities at most:</source>
        <translation>ال&amp;كيانات بحد أقصى:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;من:</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>إ&amp;لى:</translation>
    </message>
    <message>
        <source>T&amp;ag:</source>
        <translation>ال&amp;وسم:</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>ال&amp;بحث:</translation>
    </message>
    <message>
        <source>one sentence</source>
        <translation>جملة واحدة</translation>
    </message>
    <message>
        <source>one article</source>
        <translation>مقال واحد</translation>
    </message>
    <message>
        <source>(relations only)</source>
        <translation>(العلاقات فقط)</translation>
    </message>
    <message>
        <source>&amp;Relations</source>
        <translation>ال&amp;علاقات</translation>
    </message>
    <message>
        <source>Draw the relations tagged between mentions</source>
        <translation>ارسم العلاقات الموسومة بين الإشارات</translation>
    </message>
    <message>
        <source>Draw only the co-occurrences seen at least this many times</source>
        <translation>لا ترسم إلا الاقترانات التي وردت هذا العدد من المرات على الأقل</translation>
    </message>
    <message>
        <source>Draw only the most mentioned entities</source>
        <translation>لا ترسم إلا أكثر الكيانات ذكرًا</translation>
    </message>
    <message>
        <source>any date</source>
        <translation>أي تاريخ</translation>
    </message>
    <message>
        <source>Only articles matching a search</source>
        <translation>المقالات المطابقة لبحث فقط</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>إيقاف</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>تكبير</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>تصغير</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>ملاءمة</translation>
    </message>
    <message>
        <source>Show the whole network (Ctrl+0)</source>
        <translation>أظهر الشبكة كلها (Ctrl+0)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>Network as &amp;GraphML (Gephi)…</source>
        <translation>الشبكة بصيغة &amp;GraphML (Gephi)…</translation>
    </message>
    <message>
        <source>Network as G&amp;EXF (Gephi)…</source>
        <translation>الشبكة بصيغة G&amp;EXF (Gephi)…</translation>
    </message>
    <message>
        <source>Network as &amp;CSV Edge List…</source>
        <translation>الشبكة قائمةَ روابط &amp;CSV…</translation>
    </message>
    <message>
        <source>Picture as &amp;PNG…</source>
        <translation>الصورة بصيغة &amp;PNG…</translation>
    </message>
    <message>
        <source>Picture as &amp;SVG…</source>
        <translation>الصورة بصيغة &amp;SVG…</translation>
    </message>
    <message>
        <source>Double-click a sentence to open its article there</source>
        <translation>انقر مرتين على جملة لفتح مقالها عندها</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>أي وسم</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>كل الأنواع</translation>
    </message>
    <message>
        <source>No type</source>
        <translation>لا نوع</translation>
    </message>
    <message>
        <source>Reading the network…</source>
        <translation>جارٍ قراءة الشبكة…</translation>
    </message>
    <message>
        <source>Laying out the network…</source>
        <translation>جارٍ ترتيب الشبكة…</translation>
    </message>
    <message>
        <source>The network could not be read: %1</source>
        <translation>تعذّرت قراءة الشبكة: %1</translation>
    </message>
    <message>
        <source>Choose at least one entity type to draw.</source>
        <translation>اختر نوع كيان واحدًا على الأقل للرسم.</translation>
    </message>
    <message>
        <source>No entity is tagged in these articles.</source>
        <translation>لا كيان موسوم في هذه المقالات.</translation>
    </message>
    <message>
        <source>%1 of %2 entities, %3 of %4 links</source>
        <translation>%1 من %2 كيانًا، و%3 من %4 رابطًا</translation>
    </message>
    <message>
        <source>%1 (%2): %3 mentions</source>
        <translation>%1 (%2): %3 إشارة</translation>
    </message>
    <message>
        <source>%1 → %2: %3</source>
        <translation>%1 ← %2: %3</translation>
    </message>
    <message>
        <source>%1 and %2 together %3 times</source>
        <translation>%1 و%2 معًا %3 مرة</translation>
    </message>
    <message>
        <source>Click an entity to see its mentions, or a link to see the sentences behind it.</source>
        <translation>انقر كيانًا لترى إشاراته، أو رابطًا لترى الجمل التي وراءه.</translation>
    </message>
    <message>
        <source>(the first %1 sentences)</source>
        <translation>(أول %1 جملة)</translation>
    </message>
    <message>
        <source>GraphML (*.graphml)</source>
        <translation>ملفات GraphML (*.graphml)</translation>
    </message>
    <message>
        <source>GEXF (*.gexf)</source>
        <translation>ملفات GEXF (*.gexf)</translation>
    </message>
    <message>
        <source>CSV edge list (*.csv)</source>
        <translation>قائمة روابط CSV (*.csv)</translation>
    </message>
    <message>
        <source>PNG picture (*.png)</source>
        <translation>صورة PNG (*.png)</translation>
    </message>
    <message>
        <source>SVG picture (*.svg)</source>
        <translation>صورة SVG (*.svg)</translation>
    </message>
    <message>
        <source>Export the Network</source>
        <translation>تصدير الشبكة</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>تعذّرت كتابة %1: %2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>حُفظ %1</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>Note on the Article</source>
        <translation>ملاحظة على المقال</translation>
    </message>
    <message>
        <source>A note on the whole article.</source>
        <translation>ملاحظة على المقال كله.</translation>
    </message>
    <message>
        <source>Write your note (any language)</source>
        <translation>اكتب ملاحظتك (بأي لغة)</translation>
    </message>
</context>
<context>
    <name>OccurrencesDialog</name>
    <message>
        <source>Tag All Occurrences</source>
        <translation>وسم كل المواضع</translation>
    </message>
    <message>
        <source>Untagged occurrences of “%1”:</source>
        <translation>مواضع «%1» غير الموسومة:</translation>
    </message>
    <message>
        <source>In this article</source>
        <translation>في هذا المقال</translation>
    </message>
    <message>
        <source>In the whole library</source>
        <translation>في المكتبة كلها</translation>
    </message>
    <message>
        <source>Accept Checked</source>
        <translation>قبول المحدد</translation>
    </message>
    <message>
        <source>Accept All</source>
        <translation>قبول الكل</translation>
    </message>
    <message>
        <source>Looking for occurrences…</source>
        <translation>جارٍ البحث عن المواضع…</translation>
    </message>
    <message>
        <source>No untagged occurrences.</source>
        <translation>لا مواضع غير موسومة.</translation>
    </message>
    <message>
        <source>Occurrences found: %1</source>
        <translation>المواضع التي وُجدت: %1</translation>
    </message>
</context>
<context>
    <name>PairsModel</name>
    <message>
        <source>Pair</source>
        <translation>الزوج</translation>
    </message>
    <message>
        <source>Span F1</source>
        <translation>F1 للمقاطع</translation>
    </message>
    <message>
        <source>Cohen&apos;s kappa</source>
        <translation>كابا كوهين</translation>
    </message>
</context>
<context>
    <name>PaletteDialog</name>
    <message>
        <source>Colours and Entity Types</source>
        <translation>الألوان وأنواع الكيانات</translation>
    </message>
    <message>
        <source>Add Entity Type</source>
        <translation>إضافة نوع كيان</translation>
    </message>
    <message>
        <source>Highlight colours (keys 1 to 5, in this order):</source>
        <translation>ألوان التظليل (المفاتيح من 1 إلى 5 بهذا الترتيب):</translation>
    </message>
    <message>
        <source>Entity types:</source>
        <translation>أنواع الكيانات:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>اللون</translation>
    </message>
    <message>
        <source>Choose a Colour</source>
        <translation>اختر لوناً</translation>
    </message>
    <message>
        <source>New type</source>
        <translation>نوع جديد</translation>
    </message>
</context>
<context>
    <name>Performer</name>
    <message>
        <source>The library could not be changed.</source>
        <translation>تعذر تغيير المكتبة.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <source>“%1” could not be undone or redone: the library changed meanwhile.</source>
        <translation>تعذر التراجع عن «%1» أو إعادته: تغيرت المكتبة في الأثناء.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>التفضيلات</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>مثل النظام</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>فاتحة</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>داكنة</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> نقطة</translation>
    </message>
    <message>
        <source>Show diacritics (harakat)</source>
        <translation>إظهار التشكيل (الحركات)</translation>
    </message>
    <message>
        <source>Show every suggestion</source>
        <translation>اعرض كل الاقتراحات</translation>
    </message>
    <message>
        <source>Suggestions less sure than this are not shown (0: every suggestion).</source>
        <translation>لا تُعرض الاقتراحات التي تقل ثقتها عن هذا (0: كل الاقتراحات).</translation>
    </message>
    <message>
        <source>Learn from my tagging in this library</source>
        <translation>تعلّم من وسمي في هذه المكتبة</translation>
    </message>
    <message>
        <source>Suggestions also come from a model trained, on this computer, on the entities you tagged, accepted and rejected.</source>
        <translation>تأتي الاقتراحات أيضاً من نموذج يُدرَّب على هذا الحاسوب على الكيانات التي وسمتها وقبلتها ورفضتها.</translation>
    </message>
    <message>
        <source>Your name, as your team knows you</source>
        <translation>اسمك كما يعرفك فريقك</translation>
    </message>
    <message>
        <source>Recorded as the author of the annotations, relations, translations and entities you make in this library; empty: your computer&apos;s user name.</source>
        <translation>يُسجَّل مؤلفًا للتعليقات والعلاقات والترجمات والكيانات التي تنشئها في هذه المكتبة؛ إن تُرك فارغًا: اسم المستخدم في حاسوبك.</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>اختياري</translation>
    </message>
    <message>
        <source>Interface language:</source>
        <translation>لغة الواجهة:</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>السمة:</translation>
    </message>
    <message>
        <source>Article font:</source>
        <translation>خط المقال:</translation>
    </message>
    <message>
        <source>Font size:</source>
        <translation>حجم الخط:</translation>
    </message>
    <message>
        <source>Line spacing:</source>
        <translation>تباعد الأسطر:</translation>
    </message>
    <message>
        <source>Suggest when at least:</source>
        <translation>اقترح إذا بلغت الثقة:</translation>
    </message>
    <message>
        <source>Your name in this library:</source>
        <translation>اسمك في هذه المكتبة:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>البريد الإلكتروني:</translation>
    </message>
    <message>
        <source>A new interface language applies at once.</source>
        <translation>تُطبَّق لغة الواجهة الجديدة فورًا.</translation>
    </message>
</context>
<context>
    <name>ReaderStatusBar</name>
    <message>
        <source>%1 pt</source>
        <translation>%1 نقطة</translation>
    </message>
    <message>
        <source>Words: %1</source>
        <translation>الكلمات: %1</translation>
    </message>
    <message>
        <source>Paragraph %1 of %2 · %3%</source>
        <translation>الفقرة %1 من %2 · %3٪</translation>
    </message>
    <message>
        <source>Match %1 of %2</source>
        <translation>المطابقة %1 من %2</translation>
    </message>
</context>
<context>
    <name>RelationDialog</name>
    <message>
        <source>Relate “%1” (%2) to:</source>
        <translation>ربط «%1» (%2) بـ:</translation>
    </message>
    <message>
        <source>Relate</source>
        <translation>ربط</translation>
    </message>
    <message>
        <source>A &amp;mention in this article</source>
        <translation>إ&amp;شارة في هذا المقال</translation>
    </message>
    <message>
        <source>An &amp;entity in the library</source>
        <translation>&amp;كيان في المكتبة</translation>
    </message>
    <message>
        <source>Type to filter</source>
        <translation>اكتب للتصفية</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>تصفية</translation>
    </message>
    <message>
        <source>Relate to</source>
        <translation>ربط بـ</translation>
    </message>
    <message>
        <source>&amp;Relation:</source>
        <translation>ال&amp;علاقة:</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>م&amp;لاحظة:</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>اختياري</translation>
    </message>
    <message>
        <source>Nothing to relate to: change the filter.</source>
        <translation>لا شيء للربط به: غيّر التصفية.</translation>
    </message>
    <message>
        <source>No relation type goes from a %1 to a %2. Edit the relation types to allow it.</source>
        <translation>لا نوع علاقة يصل %1 بـ%2. حرّر أنواع العلاقات لتسمح بذلك.</translation>
    </message>
</context>
<context>
    <name>RelationGestures</name>
    <message>
        <source>This library is read-only.</source>
        <translation>هذه المكتبة للقراءة فقط.</translation>
    </message>
    <message>
        <source>Put the cursor on a tagged entity first.</source>
        <translation>ضع المؤشر على كيان موسوم أولًا.</translation>
    </message>
</context>
<context>
    <name>RelationModel</name>
    <message>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>العلاقة</translation>
    </message>
    <message>
        <source>To</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
</context>
<context>
    <name>RelationTable</name>
    <message>
        <source>Show in the Article</source>
        <translation>إظهار في المقال</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>العلاقة</translation>
    </message>
    <message>
        <source>Edit Note</source>
        <translation>تحرير الملاحظة</translation>
    </message>
    <message>
        <source>Delete “%1”</source>
        <translation>حذف «%1»</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln Relation(s)</source>
        <translation>
            <numerusform>حذف %Ln علاقة</numerusform>
            <numerusform>حذف علاقة واحدة</numerusform>
            <numerusform>حذف علاقتين</numerusform>
            <numerusform>حذف %Ln علاقات</numerusform>
            <numerusform>حذف %Ln علاقة</numerusform>
            <numerusform>حذف %Ln علاقة</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelationTypesDialog</name>
    <message>
        <source>Relation Types</source>
        <translation>أنواع العلاقات</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>إ&amp;ضافة</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>إ&amp;زالة</translation>
    </message>
    <message>
        <source>Move &amp;Up</source>
        <translation>تحريك لأ&amp;على</translation>
    </message>
    <message>
        <source>Move &amp;Down</source>
        <translation>تحريك لأ&amp;سفل</translation>
    </message>
    <message>
        <source>&amp;English name:</source>
        <translation>الاسم بالإن&amp;جليزية:</translation>
    </message>
    <message>
        <source>A&amp;rabic name:</source>
        <translation>الاسم بال&amp;عربية:</translation>
    </message>
    <message>
        <source>From (none ticked: any type)</source>
        <translation>من (دون تحديد: أي نوع)</translation>
    </message>
    <message>
        <source>To (none ticked: any type)</source>
        <translation>إلى (دون تحديد: أي نوع)</translation>
    </message>
    <message>
        <source>A type still used by a relation cannot be removed; you can undo all of this.</source>
        <translation>لا يُزال نوع ما زالت علاقة تستعمله؛ ويمكنك التراجع عن كل هذا.</translation>
    </message>
    <message>
        <source>new relation</source>
        <translation>علاقة جديدة</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from Backup</source>
        <translation>استعادة من نسخة احتياطية</translation>
    </message>
    <message>
        <source>Choose a backup. The library will be replaced by it; the current file is kept beside it first.</source>
        <translation>اختر نسخة احتياطية. ستحل محل المكتبة، بعد حفظ الملف الحالي بجانبها أولاً.</translation>
    </message>
</context>
<context>
    <name>ScoresModel</name>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Span F1</source>
        <translation>F1 للمقاطع</translation>
    </message>
    <message>
        <source>Kappa</source>
        <translation>كابا</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>ألفا</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>كلاهما</translation>
    </message>
    <message>
        <source>Only %1</source>
        <translation>%1 وحده</translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <source>type a word to search for</source>
        <translation>اكتب كلمة للبحث عنها</translation>
    </message>
    <message>
        <source>add a word to search for: “-word” only leaves articles out</source>
        <translation>أضف كلمة للبحث عنها: «‎-كلمة» تستبعد المقالات فقط</translation>
    </message>
    <message>
        <source>a prefix needs two letters or more before the * (besides ال)</source>
        <translation>تحتاج البادئة إلى حرفين أو أكثر قبل * (غير «ال»)</translation>
    </message>
    <message>
        <source>the search index is out of date; open the library for writing to rebuild it</source>
        <translation>فهرس البحث قديم؛ افتح المكتبة للكتابة لإعادة بنائه</translation>
    </message>
    <message>
        <source>this search could not be run</source>
        <translation>تعذر تنفيذ هذا البحث</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Searching…</source>
        <translation>جارٍ البحث…</translation>
    </message>
    <message>
        <source>Cannot search: %1</source>
        <translation>تعذّر البحث: %1</translation>
    </message>
    <message>
        <source>No translation matches.</source>
        <translation>لا ترجمة مطابقة.</translation>
    </message>
    <message>
        <source>No articles match.</source>
        <translation>لا مقالات مطابقة.</translation>
    </message>
    <message>
        <source>Translated segments found: %1 so far, counting…</source>
        <translation>المقاطع المترجمة الموجودة حتى الآن: %1، والعدّ جارٍ…</translation>
    </message>
    <message>
        <source>Articles found: %1 so far, counting…</source>
        <translation>المقالات الموجودة حتى الآن: %1، والعدّ جارٍ…</translation>
    </message>
    <message>
        <source>Translated segments found: %1</source>
        <translation>المقاطع المترجمة الموجودة: %1</translation>
    </message>
    <message>
        <source>Articles found: %1</source>
        <translation>المقالات الموجودة: %1</translation>
    </message>
    <message>
        <source>Type words to search every translation (case and accents do not matter); Enter searches at once.</source>
        <translation>اكتب كلمات للبحث في كل الترجمات (لا يهم حجم الحروف ولا العلامات)؛ Enter يبحث فورًا.</translation>
    </message>
    <message>
        <source>Type words to search every article; Enter searches at once.</source>
        <translation>اكتب كلمات للبحث في كل المقالات، ومفتاح الإدخال يبحث فورًا.</translation>
    </message>
    <message>
        <source>Search the translations</source>
        <translation>البحث في الترجمات</translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation>ابحث في المكتبة</translation>
    </message>
    <message>
        <source>Arabic text</source>
        <translation>النص العربي</translation>
    </message>
    <message>
        <source>Translations</source>
        <translation>الترجمات</translation>
    </message>
    <message>
        <source>Search the articles’ Arabic text or their translations</source>
        <translation>ابحث في النص العربي للمقالات أو في ترجماتها</translation>
    </message>
    <message>
        <source>Search in</source>
        <translation>البحث في</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>نتائج البحث</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>Segment %1 of “%2”</source>
        <translation>المقطع %1 من «%2»</translation>
    </message>
</context>
<context>
    <name>SegmentModel</name>
    <message>
        <source>Note: %1</source>
        <translation>ملاحظة: %1</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>العربية</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Translation (%1)</source>
        <translation>الترجمة (%1)</translation>
    </message>
</context>
<context>
    <name>SegmentStatus</name>
    <message>
        <source>New</source>
        <translation>جديد</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>مسودة</translation>
    </message>
    <message>
        <source>Translated</source>
        <translation>مترجم</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>مُراجَع</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>الأمر</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
</context>
<context>
    <name>SplitDialog</name>
    <message>
        <source>Split Segment</source>
        <translation>قسمة المقطع</translation>
    </message>
    <message>
        <source>Put the cursor where the segment is to be cut:</source>
        <translation>ضع المؤشر حيث يُقسم المقطع:</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>اقسم</translation>
    </message>
</context>
<context>
    <name>Start</name>
    <message>
        <source>Hashiya</source>
        <translation>حاشية</translation>
    </message>
    <message>
        <source>Restore from Backup</source>
        <translation>استعادة من نسخة احتياطية</translation>
    </message>
    <message>
        <source>Open Library</source>
        <translation>فتح مكتبة</translation>
    </message>
    <message>
        <source>Hashiya libraries (*.sqlite)</source>
        <translation>مكتبات حاشية (⁦*.sqlite⁩)</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>حدث خطأ غير متوقع: %1</translation>
    </message>
    <message>
        <source>Your library is safe. The details are in the log: %1</source>
        <translation>مكتبتك سليمة. التفاصيل في السجل: %1</translation>
    </message>
</context>
<context>
    <name>Suggestions</name>
    <message>
        <source>Learning from your tagging</source>
        <translation>التعلّم من وسمك</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <source>Sync with the Team Library</source>
        <translation>المزامنة مع مكتبة الفريق</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>ال&amp;خادم:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;كلمة المرور:</translation>
    </message>
    <message>
        <source>Kept until you close Hashiya; or use ~/.pgpass</source>
        <translation>تُحفظ حتى تغلق حاشية؛ أو استعمل ~/.pgpass</translation>
    </message>
    <message>
        <source>Share the articles&apos; &amp;text with the team</source>
        <translation>مشاركة &amp;نص المقالات مع الفريق</translation>
    </message>
    <message>
        <source>Sync &amp;automatically every:</source>
        <translation>المزامنة &amp;تلقائيًا كل:</translation>
    </message>
    <message>
        <source> min</source>
        <translation> دقيقة</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>أبدًا</translation>
    </message>
    <message>
        <source>Sync &amp;Now</source>
        <translation>مزامنة ال&amp;آن</translation>
    </message>
    <message>
        <source>Keep &amp;Mine</source>
        <translation>إبقاء &amp;نسختي</translation>
    </message>
    <message>
        <source>Keep &amp;Theirs</source>
        <translation>إبقاء نسخ&amp;تهم</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Their author</source>
        <translation>مؤلفهم</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Differs in</source>
        <translation>يختلف في</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>جارٍ المزامنة…</translation>
    </message>
    <message>
        <source>Synced with %1: %2 sent, %3 received.</source>
        <translation>تمت المزامنة مع %1: أُرسل %2، ووصل %3.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln conflict(s) to settle below.</source>
        <translation>
            <numerusform>%Ln تعارض لحسمه أدناه.</numerusform>
            <numerusform>تعارض واحد لحسمه أدناه.</numerusform>
            <numerusform>تعارضان لحسمهما أدناه.</numerusform>
            <numerusform>%Ln تعارضات لحسمها أدناه.</numerusform>
            <numerusform>%Ln تعارضًا لحسمها أدناه.</numerusform>
            <numerusform>%Ln تعارض لحسمها أدناه.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) wait for articles you have not imported.</source>
        <translation>
            <numerusform>%Ln سجل ينتظر مقالات لم تستوردها.</numerusform>
            <numerusform>سجل واحد ينتظر مقالات لم تستوردها.</numerusform>
            <numerusform>سجلان ينتظران مقالات لم تستوردها.</numerusform>
            <numerusform>%Ln سجلات تنتظر مقالات لم تستوردها.</numerusform>
            <numerusform>%Ln سجلًا تنتظر مقالات لم تستوردها.</numerusform>
            <numerusform>%Ln سجل تنتظر مقالات لم تستوردها.</numerusform>
        </translation>
    </message>
    <message>
        <source>Conflicts: %1</source>
        <translation>التعارضات: %1</translation>
    </message>
    <message>
        <source>changed here and by them</source>
        <translation>غُيّر هنا وعندهم</translation>
    </message>
    <message>
        <source>deleted by them, still used here</source>
        <translation>حذفوه وما زال مستعملًا هنا</translation>
    </message>
    <message>
        <source>the server&apos;s rules refused yours</source>
        <translation>رفضت قواعد الخادم نسختك</translation>
    </message>
    <message>
        <source>deleted here</source>
        <translation>حُذف هنا</translation>
    </message>
    <message>
        <source>deleted by them</source>
        <translation>حذفوه</translation>
    </message>
    <message>
        <source>Mine: deleted</source>
        <translation>نسختي: محذوفة</translation>
    </message>
    <message>
        <source>Theirs: deleted</source>
        <translation>نسختهم: محذوفة</translation>
    </message>
    <message>
        <source>%1 — mine: %2 · theirs: %3</source>
        <translation>%1 — نسختي: %2 · نسختهم: %3</translation>
    </message>
</context>
<context>
    <name>TagsDialog</name>
    <message>
        <source>Article Tags</source>
        <translation>وسوم المقال</translation>
    </message>
    <message>
        <source>Tags of the article:</source>
        <translation>وسوم المقال:</translation>
    </message>
    <message numerus="yes">
        <source>Tags of the %Ln selected article(s):</source>
        <translation>
            <numerusform>وسوم المقالات المحددة (%Ln):</numerusform>
            <numerusform>وسوم المقال المحدد:</numerusform>
            <numerusform>وسوم المقالين المحددين:</numerusform>
            <numerusform>وسوم المقالات الـ%Ln المحددة:</numerusform>
            <numerusform>وسوم المقالات الـ%Ln المحددة:</numerusform>
            <numerusform>وسوم المقالات الـ%Ln المحددة:</numerusform>
        </translation>
    </message>
    <message>
        <source>New tag, e.g. to translate</source>
        <translation>وسم جديد، مثل: للترجمة</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>إضافة</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>إعادة تسمية…</translation>
    </message>
    <message>
        <source>Delete Tag</source>
        <translation>حذف الوسم</translation>
    </message>
    <message>
        <source>Rename Tag</source>
        <translation>إعادة تسمية الوسم</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>الاسم الجديد:</translation>
    </message>
</context>
<context>
    <name>TeamMenu</name>
    <message>
        <source>&amp;Agreement Between Annotators…</source>
        <translation>ال&amp;اتفاق بين المعلِّقين…</translation>
    </message>
    <message>
        <source>&amp;Curate This Article…</source>
        <translation>&amp;تنقيح هذا المقال…</translation>
    </message>
    <message>
        <source>S&amp;ync with the Team Library…</source>
        <translation>الم&amp;زامنة مع مكتبة الفريق…</translation>
    </message>
    <message>
        <source>Share your work through the team&apos;s PostgreSQL database, and settle conflicts</source>
        <translation>شارك عملك عبر قاعدة بيانات PostgreSQL الخاصة بالفريق، واحسم التعارضات</translation>
    </message>
    <message>
        <source>Sync &amp;Now</source>
        <translation>مزامنة ال&amp;آن</translation>
    </message>
    <message>
        <source>Send your changes to the team library and get theirs</source>
        <translation>أرسل تغييراتك إلى مكتبة الفريق واجلب تغييراتهم</translation>
    </message>
    <message>
        <source>Syncing with the team library…</source>
        <translation>جارٍ المزامنة مع مكتبة الفريق…</translation>
    </message>
    <message>
        <source>Synced: %1 sent, %2 received.</source>
        <translation>تمت المزامنة: أُرسل %1، ووصل %2.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln conflict(s) to settle.</source>
        <translation>
            <numerusform>%Ln تعارض لحسمه.</numerusform>
            <numerusform>تعارض واحد لحسمه.</numerusform>
            <numerusform>تعارضان لحسمهما.</numerusform>
            <numerusform>%Ln تعارضات لحسمها.</numerusform>
            <numerusform>%Ln تعارضًا لحسمها.</numerusform>
            <numerusform>%Ln تعارض لحسمها.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open an article to curate it.</source>
        <translation>افتح مقالًا لتنقيحه.</translation>
    </message>
</context>
<context>
    <name>TimeAndWordDocks</name>
    <message>
        <source>Concordance</source>
        <translation>الكشاف السياقي</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>الخط الزمني</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>&amp;Bars:</source>
        <translation>الأ&amp;عمدة:</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>تلقائي</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>لكل يوم</translation>
    </message>
    <message>
        <source>Per week</source>
        <translation>لكل أسبوع</translation>
    </message>
    <message>
        <source>Per month</source>
        <translation>لكل شهر</translation>
    </message>
    <message>
        <source>&amp;Mentions by:</source>
        <translation>الإ&amp;شارات حسب:</translation>
    </message>
    <message>
        <source>Article date</source>
        <translation>تاريخ المقال</translation>
    </message>
    <message>
        <source>Dates in the text</source>
        <translation>التواريخ في النص</translation>
    </message>
    <message>
        <source>Article date: a mention counts when its article was published. Dates in the text: it counts at the tagged date nearest to it in its article.</source>
        <translation>تاريخ المقال: تُحسب الإشارة عند نشر مقالها. التواريخ في النص: تُحسب عند أقرب تاريخ موسوم إليها في مقالها.</translation>
    </message>
    <message>
        <source>&amp;Clear Range</source>
        <translation>&amp;مسح النطاق</translation>
    </message>
    <message>
        <source>Show the articles of every date again (Esc)</source>
        <translation>أظهر مقالات كل التواريخ من جديد (Esc)</translation>
    </message>
    <message>
        <source>Find an entity to draw…</source>
        <translation>ابحث عن كيان لرسمه…</translation>
    </message>
    <message>
        <source>No article has a date yet.</source>
        <translation>لا مقال له تاريخ بعد.</translation>
    </message>
    <message>
        <source>Drag across the dates to show only those articles</source>
        <translation>اسحب عبر التواريخ لإظهار مقالاتها فقط</translation>
    </message>
    <message>
        <source>Library list: %1 – %2</source>
        <translation>قائمة المكتبة: %1 – %2</translation>
    </message>
    <message>
        <source>Articles without a date (not drawn): %1</source>
        <translation>مقالات بلا تاريخ (لم تُرسم): %1</translation>
    </message>
    <message>
        <source>Mentions with no date to place them (not drawn): %1</source>
        <translation>إشارات بلا تاريخ تُوضع عنده (لم تُرسم): %1</translation>
    </message>
</context>
<context>
    <name>TranslateActions</name>
    <message>
        <source>T&amp;ranslate</source>
        <translation>ت&amp;رجمة</translation>
    </message>
    <message>
        <source>Segment &amp;Status</source>
        <translation>&amp;حالة المقطع</translation>
    </message>
    <message>
        <source>&amp;Translate</source>
        <translation>&amp;ترجمة</translation>
    </message>
    <message>
        <source>Show the article&apos;s sentences beside their translations</source>
        <translation>اعرض جمل المقال بجانب ترجماتها</translation>
    </message>
    <message>
        <source>&amp;Confirm and Go to Next Untranslated</source>
        <translation>&amp;اعتمد وانتقل إلى التالي غير المترجم</translation>
    </message>
    <message>
        <source>Keep the translation as translated and go to the next segment still to translate</source>
        <translation>احفظ الترجمة بحالة «مترجم» وانتقل إلى المقطع التالي الذي لم يُترجم</translation>
    </message>
    <message>
        <source>&amp;Next Untranslated Segment</source>
        <translation>المقطع &amp;التالي غير المترجم</translation>
    </message>
    <message>
        <source>Go to the next segment that is new or a draft</source>
        <translation>انتقل إلى المقطع التالي الجديد أو المسودة</translation>
    </message>
    <message>
        <source>&amp;Previous Untranslated Segment</source>
        <translation>المقطع ال&amp;سابق غير المترجم</translation>
    </message>
    <message>
        <source>Go to the previous segment that is new or a draft</source>
        <translation>انتقل إلى المقطع السابق الجديد أو المسودة</translation>
    </message>
    <message>
        <source>Mark &amp;Reviewed</source>
        <translation>علّمه &amp;مراجَعاً</translation>
    </message>
    <message>
        <source>Mark the segment&apos;s translation reviewed (again: back to translated)</source>
        <translation>علّم ترجمة المقطع مراجَعة (مرة أخرى: تعود «مترجمة»)</translation>
    </message>
    <message>
        <source>Segment N&amp;ote…</source>
        <translation>&amp;ملاحظة على المقطع…</translation>
    </message>
    <message>
        <source>A note on the segment for yourself or the reviewer</source>
        <translation>ملاحظة على المقطع لك أو للمراجِع</translation>
    </message>
    <message>
        <source>Remove Segment Note</source>
        <translation>احذف ملاحظة المقطع</translation>
    </message>
    <message>
        <source>Remove the segment&apos;s note</source>
        <translation>احذف ملاحظة المقطع</translation>
    </message>
    <message>
        <source>S&amp;plit Segment…</source>
        <translation>ا&amp;قسم المقطع…</translation>
    </message>
    <message>
        <source>Cut the segment in two where you put the cursor</source>
        <translation>اقسم المقطع قسمين حيث تضع المؤشر</translation>
    </message>
    <message>
        <source>&amp;Merge with Next Segment</source>
        <translation>ا&amp;دمجه مع المقطع التالي</translation>
    </message>
    <message>
        <source>Join the segment and the next one into one</source>
        <translation>اجمع المقطع والذي يليه في مقطع واحد</translation>
    </message>
    <message>
        <source>Check &amp;Consistency</source>
        <translation>افحص الا&amp;تساق</translation>
    </message>
    <message>
        <source>List the translations that miss a glossary term or use a forbidden one</source>
        <translation>اعرض الترجمات التي تخلو من مصطلح في المسرد أو تستعمل مصطلحاً محظوراً</translation>
    </message>
    <message>
        <source>Translation &amp;Language…</source>
        <translation>&amp;لغة الترجمة…</translation>
    </message>
    <message>
        <source>The language this library is translated into (a setting of the library, not undone with Undo)</source>
        <translation>اللغة التي تُترجم إليها هذه المكتبة (إعداد للمكتبة، لا يُتراجع عنه بالتراجع)</translation>
    </message>
    <message>
        <source>Set the segment&apos;s status to “%1”</source>
        <translation>اجعل حالة المقطع «%1»</translation>
    </message>
</context>
<context>
    <name>TranslateMode</name>
    <message>
        <source>%1 of %2 translated</source>
        <translation>تُرجم %1 من %2</translation>
    </message>
    <message>
        <source>Every segment of this article is translated.</source>
        <translation>تُرجمت كل مقاطع هذا المقال.</translation>
    </message>
    <message>
        <source>Translate the segment before marking it reviewed.</source>
        <translation>ترجم المقطع قبل أن تعلّمه مراجَعاً.</translation>
    </message>
    <message>
        <source>This library is read-only: its glossary cannot be changed.</source>
        <translation>هذه المكتبة للقراءة فقط: لا يمكن تغيير مسردها.</translation>
    </message>
    <message>
        <source>Translation Language</source>
        <translation>لغة الترجمة</translation>
    </message>
    <message>
        <source>Translations are now in %1.</source>
        <translation>صارت الترجمات إلى %1.</translation>
    </message>
</context>
<context>
    <name>TranslationLanguageDialog</name>
    <message>
        <source>Translation Language</source>
        <translation>لغة الترجمة</translation>
    </message>
    <message>
        <source>The language this library&apos;s articles are translated into. Pick one or type a language tag (for example pt-BR). This is a setting of the library, not an edit: it is not undone with Undo.</source>
        <translation>اللغة التي تُترجم إليها مقالات هذه المكتبة. اختر لغة أو اكتب وسم لغة (مثل ⁨pt-BR⁩). هذا إعداد للمكتبة وليس تعديلاً: لا يُتراجع عنه بالتراجع.</translation>
    </message>
    <message>
        <source>Type a language tag such as en, fr or pt-BR.</source>
        <translation>اكتب وسم لغة مثل ⁨en⁩ أو ⁨fr⁩ أو ⁨pt-BR⁩.</translation>
    </message>
</context>
<context>
    <name>UndoCommands</name>
    <message>
        <source>Highlight</source>
        <translation>التظليل</translation>
    </message>
    <message>
        <source>Change Colour</source>
        <translation>تغيير اللون</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>الملاحظة</translation>
    </message>
    <message>
        <source>Article Note</source>
        <translation>الملاحظة على المقال</translation>
    </message>
    <message>
        <source>Edit Note</source>
        <translation>تحرير الملاحظة</translation>
    </message>
    <message>
        <source>Tag Entity</source>
        <translation>وسم الكيان</translation>
    </message>
    <message>
        <source>Change Entity</source>
        <translation>تغيير الكيان</translation>
    </message>
    <message>
        <source>Remove Annotation</source>
        <translation>إزالة التعليق</translation>
    </message>
    <message>
        <source>Accept Suggestion</source>
        <translation>قبول الاقتراح</translation>
    </message>
    <message>
        <source>Accept All Suggestions</source>
        <translation>قبول كل الاقتراحات</translation>
    </message>
    <message>
        <source>Reject Suggestion</source>
        <translation>رفض الاقتراح</translation>
    </message>
    <message>
        <source>Tag Occurrences</source>
        <translation>وسم المواضع</translation>
    </message>
    <message>
        <source>Merge Entities</source>
        <translation>دمج الكيانات</translation>
    </message>
    <message>
        <source>Edit Entity</source>
        <translation>تحرير الكيان</translation>
    </message>
    <message>
        <source>New Entity</source>
        <translation>الكيان الجديد</translation>
    </message>
    <message>
        <source>Delete Entity</source>
        <translation>حذف الكيان</translation>
    </message>
    <message>
        <source>Change Article Tags</source>
        <translation>تغيير وسوم المقال</translation>
    </message>
    <message>
        <source>Rename Tag</source>
        <translation>إعادة تسمية الوسم</translation>
    </message>
    <message>
        <source>Delete Tag</source>
        <translation>حذف الوسم</translation>
    </message>
    <message>
        <source>Edit Colours and Types</source>
        <translation>تحرير الألوان والأنواع</translation>
    </message>
    <message>
        <source>Edit Article Info</source>
        <translation>تعديل بيانات المقال</translation>
    </message>
    <message>
        <source>Translate Segment</source>
        <translation>ترجمة مقطع</translation>
    </message>
    <message>
        <source>Change Segment Status</source>
        <translation>تغيير حالة مقطع</translation>
    </message>
    <message>
        <source>Segment Note</source>
        <translation>ملاحظة مقطع</translation>
    </message>
    <message>
        <source>Split Segment</source>
        <translation>قسمة المقطع</translation>
    </message>
    <message>
        <source>Merge Segments</source>
        <translation>دمج مقطعين</translation>
    </message>
    <message>
        <source>Edit Glossary</source>
        <translation>تعديل المسرد</translation>
    </message>
    <message>
        <source>Relate</source>
        <translation>ربط</translation>
    </message>
    <message>
        <source>Edit Relation</source>
        <translation>تعديل علاقة</translation>
    </message>
    <message>
        <source>Delete Relation</source>
        <translation>حذف علاقة</translation>
    </message>
    <message>
        <source>Edit Relation Types</source>
        <translation>تعديل أنواع العلاقات</translation>
    </message>
    <message>
        <source>Curate Mention</source>
        <translation>تنقيح إشارة</translation>
    </message>
    <message>
        <source>Accept Agreed Mentions</source>
        <translation>قبول الإشارات المتفق عليها</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Your library is empty</source>
        <translation>مكتبتك فارغة</translation>
    </message>
    <message>
        <source>Hashiya keeps your articles in one library file. Start with the sample collection or bring your own.</source>
        <translation>تحفظ حاشية مقالاتك في ملف مكتبة واحد. ابدأ بالمجموعة التجريبية أو استورد مقالاتك.</translation>
    </message>
    <message>
        <source>Import the Sample Collection</source>
        <translation>استيراد المجموعة التجريبية</translation>
    </message>
    <message>
        <source>Import Files…</source>
        <translation>استيراد ملفات…</translation>
    </message>
    <message>
        <source>Import a Folder…</source>
        <translation>استيراد مجلد…</translation>
    </message>
    <message>
        <source>You can also drop files or folders on this window.</source>
        <translation>يمكنك أيضًا إفلات ملفات أو مجلدات على هذه النافذة.</translation>
    </message>
</context>
</TS>
