"""Everything parkbot says in its own voice, in English, Urdu and Roman Urdu.

Facts never live here (they come from the knowledge base); only the bot's framing does, so a
translator can review the whole voice in one file.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "greeting": {
        "en": "Hello! I'm parkbot. I can tell you about Pakistan's Software Technology Parks: where they are, "
              "who they serve, subsidies such as the rent and internet subsidy, and the big IT parks. "
              "Ask me in English, Urdu or Roman Urdu.",
        "ur": "السلام علیکم! میں پارک بوٹ ہوں۔ میں پاکستان کے سافٹ ویئر ٹیکنالوجی پارکس کے بارے میں بتا سکتا ہوں: "
              "یہ کہاں ہیں، کن کے لیے ہیں، کرائے اور انٹرنیٹ پر سبسڈی، اور بڑے آئی ٹی پارکس۔ "
              "آپ انگریزی، اردو یا رومن اردو میں پوچھ سکتے ہیں۔",
        "roman_ur": "Assalam o alaikum! Main parkbot hoon. Main Pakistan ke Software Technology Parks ke baare mein "
                    "bata sakta hoon: ye kahan hain, kis ke liye hain, rent aur internet subsidy, aur bare IT parks. "
                    "Aap English, Urdu ya Roman Urdu mein pooch sakte hain.",
    },
    "thanks": {
        "en": "You're welcome! Ask me anything else about the parks.",
        "ur": "کوئی بات نہیں! پارکس کے بارے میں کچھ اور پوچھنا ہو تو ضرور پوچھیں۔",
        "roman_ur": "Koi baat nahi! Parks ke baare mein kuch aur poochna ho to zaroor poochein.",
    },
    "dont_know": {
        "en": "I don't have that in my sources, and I won't guess.",
        "ur": "یہ معلومات میرے ذرائع میں موجود نہیں، اور میں اندازے سے جواب نہیں دوں گا۔",
        "roman_ur": "Ye maloomat mere sources mein nahi hai, aur main andaze se jawab nahi dunga.",
    },
    "missing_contact": {
        "en": "My sources have no phone number, e-mail or website for that, and I won't make one up.",
        "ur": "میرے ذرائع میں اس کا کوئی فون نمبر، ای میل یا ویب سائٹ موجود نہیں، اور میں خود سے نہیں بناؤں گا۔",
        "roman_ur": "Mere sources mein is ka koi phone number, email ya website nahi hai, aur main khud se nahi "
                    "banaunga.",
    },
    "missing_address": {
        "en": "My sources do not give a street address for that.",
        "ur": "میرے ذرائع میں اس کا کوئی پتہ درج نہیں۔",
        "roman_ur": "Mere sources mein is ka koi address darj nahi.",
    },
    "free_not_known": {
        "en": "My sources do not say whether it costs anything.",
        "ur": "میرے ذرائع میں یہ نہیں بتایا گیا کہ اس کی کوئی فیس ہے یا نہیں۔",
        "roman_ur": "Mere sources mein ye nahi bataya gaya ke is ki koi fees hai ya nahi.",
    },
    "missing_fees": {
        "en": "My sources give no fees or rent amounts, only the subsidy rules.",
        "ur": "میرے ذرائع میں کوئی فیس یا کرائے کی رقم درج نہیں، صرف سبسڈی کے اصول ہیں۔",
        "roman_ur": "Mere sources mein koi fees ya kiraye ki raqam nahi, sirf subsidy ke rules hain.",
    },
    "missing_deadline": {
        "en": "My sources give no deadlines or office hours.",
        "ur": "میرے ذرائع میں کوئی آخری تاریخ یا دفتری اوقات درج نہیں۔",
        "roman_ur": "Mere sources mein koi deadline ya office timings darj nahi.",
    },
    "missing_salary": {
        "en": "My sources have no salary or stipend figures.",
        "ur": "میرے ذرائع میں تنخواہ یا وظیفے کے اعداد و شمار نہیں ہیں۔",
        "roman_ur": "Mere sources mein salary ya wazifa ke figures nahi hain.",
    },
    "missing_vacancies": {
        "en": "My sources list no job openings; they only say how many jobs the projects are expected to create.",
        "ur": "میرے ذرائع میں نوکریوں کی کوئی خالی اسامیاں درج نہیں؛ صرف یہ کہ منصوبوں سے کتنی نوکریاں پیدا ہونے "
              "کی توقع ہے۔",
        "roman_ur": "Mere sources mein koi job openings darj nahi; sirf ye ke projects se kitni jobs paida hone ki "
                    "tawaqo hai.",
    },
    "missing_documents": {
        "en": "My sources do not list the documents needed to apply. I can take your application right here: say "
              "\"I want to apply\".",
        "ur": "میرے ذرائع میں درخواست کے لیے درکار کاغذات کی فہرست نہیں۔ میں یہیں آپ کی درخواست لے سکتا ہوں: "
              "لکھیں \"درخواست دینی ہے\"۔",
        "roman_ur": "Mere sources mein apply karne ke liye zaroori documents ki list nahi. Main yahin aap ki "
                    "application le sakta hoon: likhein \"apply karna hai\".",
    },
    "missing_availability": {
        "en": "My sources don't say whether space is free there right now.",
        "ur": "میرے ذرائع میں یہ نہیں کہ وہاں ابھی جگہ خالی ہے یا نہیں۔",
        "roman_ur": "Mere sources mein ye nahi ke wahan abhi jagah khali hai ya nahi.",
    },
    "missing_distance": {
        "en": "My sources give no distances or directions.",
        "ur": "میرے ذرائع میں فاصلے یا راستے کی کوئی معلومات نہیں۔",
        "roman_ur": "Mere sources mein faasle ya raaste ki koi maloomat nahi.",
    },
    "missing_contractor": {
        "en": "My sources do not name the construction contractors.",
        "ur": "میرے ذرائع میں تعمیر کرنے والے ٹھیکیداروں کے نام نہیں۔",
        "roman_ur": "Mere sources mein construction karne wale contractors ke naam nahi.",
    },
    "missing_financing": {
        "en": "My sources say nothing about loans or who finances these projects.",
        "ur": "میرے ذرائع میں قرضوں یا ان منصوبوں کی مالی معاونت کرنے والوں کا ذکر نہیں۔",
        "roman_ur": "Mere sources mein loans ya in projects ko finance karne walon ka zikr nahi.",
    },
    "missing_eligibility": {
        "en": "My sources give no age limit or grades needed to qualify.",
        "ur": "میرے ذرائع میں عمر کی حد یا درکار نمبروں (سی جی پی اے) کا ذکر نہیں۔",
        "roman_ur": "Mere sources mein umar ki had ya zaroori grades (CGPA) ka zikr nahi.",
    },
    "missing_provider": {
        "en": "My sources do not name the parks' internet providers.",
        "ur": "میرے ذرائع میں پارکس کو انٹرنیٹ دینے والی کمپنیوں کے نام نہیں۔",
        "roman_ur": "Mere sources mein parks ko internet dene wali companies ke naam nahi.",
    },
    "missing_link": {
        "en": "My sources have no links or online forms, and I won't make one up.",
        "ur": "میرے ذرائع میں کوئی لنک یا آن لائن فارم نہیں، اور میں خود سے نہیں بناؤں گا۔",
        "roman_ur": "Mere sources mein koi link ya online form nahi, aur main khud se nahi banaunga.",
    },
    "missing_person_name": {
        "en": "My sources do not name the officials who run these organisations.",
        "ur": "میرے ذرائع میں ان اداروں کے عہدیداروں کے نام درج نہیں۔",
        "roman_ur": "Mere sources mein in idaron ke officials ke naam nahi hain.",
    },
    "out_of_scope": {
        "en": "I can only help with Pakistan's Software Technology Parks, their programmes and subsidies.",
        "ur": "میں صرف پاکستان کے سافٹ ویئر ٹیکنالوجی پارکس، ان کے پروگراموں اور سبسڈی کے بارے میں مدد کر سکتا ہوں۔",
        "roman_ur": "Main sirf Pakistan ke Software Technology Parks, un ke programs aur subsidy ke baare mein madad "
                    "kar sakta hoon.",
    },
    "offer_person": {
        "en": "Would you like me to connect you with a person? Reply \"yes\".",
        "ur": "کیا میں آپ کی بات کسی نمائندے سے کرواؤں؟ \"جی\" لکھ کر جواب دیں۔",
        "roman_ur": "Kya main aap ki baat kisi banday se karwaun? \"haan\" likh kar jawab dein.",
    },
    "declined": {
        "en": "All right. Ask me anything else about the parks.",
        "ur": "ٹھیک ہے۔ پارکس کے بارے میں کچھ اور پوچھنا ہو تو پوچھیں۔",
        "roman_ur": "Theek hai. Parks ke baare mein kuch aur poochna ho to poochein.",
    },
    "not_yet_apply": {
        # how to apply asked: the application alone (a booking offered too read as a third way forward)
        "en": "I can take your application right here: just say \"I want to apply\".",
        "ur": "میں یہیں آپ کی درخواست لے سکتا ہوں: بس لکھیں \"درخواست دینی ہے\"۔",
        "roman_ur": "Main yahin aap ki application le sakta hoon: bas likhein \"apply karna hai\".",
    },
    "not_yet": {
        # (the reply then offers a person, with buttons: the offer is not said here as well)
        "en": "I can take a booking (desk, meeting room or visit) or an application right here: just say "
              "\"book a meeting room\" or \"I want to apply\".",
        "ur": "میں یہیں بکنگ (ڈیسک، میٹنگ روم یا دورہ) یا درخواست لے سکتا ہوں: بس لکھیں \"میٹنگ روم بک کرنا ہے\" "
              "یا \"درخواست دینی ہے\"۔",
        "roman_ur": "Main yahin booking (desk, meeting room ya visit) ya application le sakta hoon: bas likhein "
                    "\"meeting room book karna hai\" ya \"apply karna hai\".",
    },
    "subsidy_list": {
        "en": "The sources name these subsidies for companies that rent space in PSEB's STPs:",
        "ur": "ذرائع میں پی ایس ای بی کے ایس ٹی پیز میں جگہ لینے والی کمپنیوں کے لیے یہ سبسڈیز ہیں:",
        "roman_ur": "Sources mein PSEB ke STPs mein jagah lene wali companies ke liye ye subsidies hain:",
    },
    "subsidy_list_there": {
        "en": "Companies that rent space in PSEB's STPs, in {city} too, get these subsidies:",
        "ur": "پی ایس ای بی کے ایس ٹی پیز میں جگہ لینے والی کمپنیوں کو، {city} میں بھی، یہ سبسڈیز ملتی ہیں:",
        "roman_ur": "PSEB ke STPs mein jagah lene wali companies ko, {city} mein bhi, ye subsidies milti hain:",
    },
    "rules_unconfirmed": {
        "en": "My sources cannot say whether these still apply: they come from PSEB's undated brochure (about 2023), "
              "and no newer source confirms them.",
        "ur": "میرے ذرائع یہ نہیں بتا سکتے کہ یہ سبسڈیز اب بھی ملتی ہیں یا نہیں: یہ پی ایس ای بی کے بغیر تاریخ والے "
              "بروشر (تقریباً 2023) سے ہیں، اور کسی نئے ذریعے میں ان کی تصدیق نہیں۔",
        "roman_ur": "Mere sources ye nahi bata sakte ke ye subsidies ab bhi milti hain ya nahi: ye PSEB ke baghair "
                    "tareekh wale brochure (taqreeban 2023) se hain, aur kisi naye source mein in ki tasdeeq nahi.",
    },
    "women_park_only_in": {
        "en": "My sources name one women-only STP, in {city}; they name none in {claimed}.",
        "ur": "میرے ذرائع میں خواتین کا ایک ہی ایس ٹی پی ہے، {city} میں؛ {claimed} میں کسی کا ذکر نہیں۔",
        "roman_ur": "Mere sources mein khawateen ka ek hi STP hai, {city} mein; {claimed} mein kisi ka zikr nahi.",
    },
    "park_elsewhere": {
        # (the place said first: "NIC Karachi Karachi mein hai" when the park's name holds its city)
        "en": "{park} is not in {claimed}: it is in {city}.",
        "ur": "{park} {claimed} میں نہیں، {city} میں ہے۔",
        "roman_ur": "{park} {claimed} mein nahi, {city} mein hai.",
    },
    "first_months": {"en": ", for the first {n} months", "ur": "، پہلے {n} مہینے", "roman_ur": ", pehle {n} mahine"},
    "list_header": {
        "en": "Parks and programmes I know of{where}:",
        "ur": "میری معلومات کے مطابق{where} یہ پارکس اور پروگرام ہیں:",
        "roman_ur": "Meri maloomat ke mutabiq{where} ye parks aur programs hain:",
    },
    "list_none": {
        "en": "My sources list no park or programme{where}.",
        "ur": "میرے ذرائع میں{where} کوئی پارک یا پروگرام درج نہیں۔",
        "roman_ur": "Mere sources mein{where} koi park ya program darj nahi.",
    },
    "where_city": {"en": " in {place}", "ur": " {place} میں", "roman_ur": " {place} mein"},
    "where_unfinished": {"en": " still being built or planned", "ur": " زیرِ تعمیر یا منصوبہ بند",
                         "roman_ur": " zer-e-tameer ya plan mein"},
    "where_women": {"en": " for women only", "ur": " صرف خواتین کے لیے", "roman_ur": " sirf khawateen ke liye"},
    "sources": {"en": "Sources", "ur": "ماخذ", "roman_ur": "Sources"},
    "only_in_english": {"en": "This is only in English in my sources:",
                        "ur": "یہ معلومات میرے ذرائع میں صرف انگریزی میں ہے:",
                        "roman_ur": "Ye maloomat mere sources mein sirf English mein hai:"},
    # a file an office ingested: its own title and file name; its date is the file's last change, not a printed one
    "file_source": {"en": "{title} (file {file}, last changed {date})",
                    "ur": "{title} (فائل {file}، آخری تبدیلی {date})",
                    "roman_ur": "{title} (file {file}, aakhri tabdeeli {date})"},
    # how a citation dates a source that prints no date: never a day, at most the editors' estimated year
    "source_undated": {"en": "undated", "ur": "تاریخ درج نہیں", "roman_ur": "undated"},
    "source_undated_circa": {"en": "undated, c. {year}", "ur": "تاریخ درج نہیں، تقریباً {year}",
                             "roman_ur": "undated, c. {year}"},
    "circa_year": {"en": "c. {year}", "ur": "تقریباً {year}", "roman_ur": "c. {year}"},
    # short answers (bot/retrieval/answers.py): a yes/no only when structured evidence decides it, and what
    # the chosen record lacks, said before anything else ("not known" + a person)
    "answer_yes": {"en": "Yes.", "ur": "جی ہاں۔", "roman_ur": "Ji haan."},
    "answer_no": {"en": "No.", "ur": "جی نہیں۔", "roman_ur": "Ji nahi."},
    "not_known_item": {
        "en": "My sources don't give {item}.",
        "ur": "میرے ذرائع میں {item} درج نہیں۔",
        "roman_ur": "Mere sources mein {item} darj nahi.",
    },
    "nothing_on_it": {
        "en": "My sources don't say anything about that.",
        "ur": "میرے ذرائع میں اس بارے میں کچھ نہیں۔",
        "roman_ur": "Mere sources mein is bare mein kuch nahi.",
    },
    "city_figure_only": {
        "en": "My sources don't give {item} for the park itself, only for the whole city.",
        "ur": "میرے ذرائع میں پارک کے اندر {item} درج نہیں، صرف پورے شہر کی تعداد ہے۔",
        "roman_ur": "Mere sources mein park ke andar {item} darj nahi, sirf poore shehar ki tadaad hai.",
    },
    # a park's structured `operator` field, when "who runs it" is asked and the summary does not say
    "run_by": {"en": "Run by: {operator}.", "ur": "چلانے والا ادارہ: {operator}۔",
               "roman_ur": "Chalane wala idara: {operator}."},
    "serves_line": {"en": "For: {serves}.", "ur": "کن کے لیے: {serves}۔", "roman_ur": "Kis ke liye: {serves}."},
    # a park's own figure, asked, put first when its record's sentence gives other figures before it
    "figure_cost": {"en": "Cost: {value}.", "ur": "لاگت: {value}۔", "roman_ur": "Laagat: {value}."},
    "figure_area": {"en": "Size: {value}.", "ur": "رقبہ: {value}۔", "roman_ur": "Raqba: {value}."},
    "figure_jobs": {"en": "{value}.", "ur": "{value}۔", "roman_ur": "{value}."},
    "figure_exports": {"en": "{value}.", "ur": "{value}۔", "roman_ur": "{value}."},
    # a park not open yet, asked whether it is open or whether there is one (its status field)
    "largest_known": {"en": "Of the parks whose size my sources give, these two are the largest; they give no size for "
                              "the STPs in the cities.",
                      "ur": "جن پارکس کا رقبہ میرے ذرائع میں دیا گیا ہے، ان میں یہ دو سب سے بڑے ہیں؛ "
                            "شہروں کے ایس ٹی پیز کا رقبہ نہیں دیا گیا۔",
                      "roman_ur": "Jin parks ka size mere sources mein diya gaya hai, un mein ye do sab se bare hain; "
                                  "shehron ke STPs ka size nahi diya gaya."},
    "higher": {"en": "Higher: {park} ({value}, against {other_value} for {other}).",
               "ur": "زیادہ: {park} ({value}، جبکہ {other}: {other_value})۔",
               "roman_ur": "Zyada: {park} ({value}, jabke {other}: {other_value})."},
    "lower": {"en": "Lower: {park} ({value}, against {other_value} for {other}).",
              "ur": "کم: {park} ({value}، جبکہ {other}: {other_value})۔",
              "roman_ur": "Kam: {park} ({value}, jabke {other}: {other_value})."},
    "lower_area": {"en": "Smaller: {park} ({value}, against {other_value} for {other}).",
                   "ur": "چھوٹا: {park} ({value}، جبکہ {other}: {other_value})۔",
                   "roman_ur": "Chhota: {park} ({value}, jabke {other}: {other_value})."},
    "lower_cost": {"en": "Cheaper: {park} ({value}, against {other_value} for {other}).",
                   "ur": "سستا: {park} ({value}، جبکہ {other}: {other_value})۔",
                   "roman_ur": "Sasta: {park} ({value}, jabke {other}: {other_value})."},
    # "tell me more" when the answer would repeat the last reply word for word (a person is offered after it)
    "no_more": {"en": "That is all my sources say about it.", "ur": "میرے ذرائع میں اس بارے میں بس اتنا ہی ہے۔",
                "roman_ur": "Mere sources mein is bare mein bas itna hi hai."},
    # (of a size: the bigger park, not a "higher" one)
    "higher_area": {"en": "Bigger: {park} ({value}, against {other_value} for {other}).",
                    "ur": "بڑا: {park} ({value}، جبکہ {other}: {other_value})۔",
                    "roman_ur": "Bara: {park} ({value}, jabke {other}: {other_value})."},
    # a park the sources know only as a plan, asked whether it is built or open
    "plan_not_known": {"en": "My sources know {park} only as a plan and don't say whether it has been "
                             "built.",
                       "ur": "میرے ذرائع میں {park} صرف ایک منصوبے کے طور پر درج ہے؛ یہ نہیں بتایا گیا کہ یہ بن "
                             "چکا ہے یا نہیں۔",
                       "roman_ur": "Mere sources mein {park} sirf ek mansooba hai; ye nahi bataya gaya ke ye ban chuka "
                                   "hai ya nahi."},
    "only_planned": {"en": "My sources list no park running in {city}, only a plan.",
                     "ur": "میرے ذرائع میں {city} میں کوئی چلتا ہوا پارک درج نہیں، صرف ایک منصوبہ۔",
                     "roman_ur": "Mere sources mein {city} mein koi chalta hua park darj nahi, sirf ek plan."},
    "still_built": {"en": "{park} is still being built{when}.", "ur": "{park} ابھی زیرِ تعمیر ہے{when}۔",
                    "roman_ur": "{park} abhi ban raha hai{when}."},
    "due_by": {"en": " (expected by {year})", "ur": " ({year} تک مکمل ہونے کی توقع)",
               "roman_ur": " ({year} tak mukammal hone ki umeed)"},
    "was_due": {"en": " (it was due in {year})", "ur": " (اسے {year} میں مکمل ہونا تھا)",
                "roman_ur": " (isay {year} mein mukammal hona tha)"},
    "item_how": {"en": "the steps for that", "ur": "اس کا طریقہ", "roman_ur": "is ka tareeqa"},
    "item_area": {"en": "the size", "ur": "اس کا رقبہ", "roman_ur": "is ka size"},
    "item_jobs": {"en": "the number of jobs", "ur": "نوکریوں کی تعداد", "roman_ur": "jobs ki tadaad"},
    "item_people": {"en": "the number of people", "ur": "لوگوں کی تعداد", "roman_ur": "logon ki tadaad"},
    "item_exports": {"en": "an export figure", "ur": "برآمدات کا عدد", "roman_ur": "exports ka figure"},
    "item_cost": {"en": "the cost", "ur": "لاگت", "roman_ur": "cost"},
    "item_companies": {"en": "the number of companies", "ur": "کمپنیوں کی تعداد", "roman_ur": "companies ki tadaad"},
    "item_share": {"en": "that share", "ur": "یہ شرح", "roman_ur": "ye percentage"},
    "item_duration": {"en": "the duration", "ur": "مدت", "roman_ur": "muddat"},
    "item_when": {"en": "a date", "ur": "تاریخ", "roman_ur": "date"},
    "item_who": {"en": "the name of who runs it", "ur": "چلانے والے ادارے کا نام",
                 "roman_ur": "chalane wale idare ka naam"},
    "item_where": {"en": "the exact location", "ur": "صحیح مقام", "roman_ur": "sahi jagah"},
    "item_speed": {"en": "the internet speed", "ur": "انٹرنیٹ کی رفتار", "roman_ur": "internet ki speed"},
    "item_seats": {"en": "the number of seats or desks", "ur": "سیٹوں کی تعداد", "roman_ur": "seats ki tadaad"},
    "item_manager": {"en": "a manager's name", "ur": "مینیجر کا نام", "roman_ur": "manager ka naam"},
    "item_parks": {"en": "the number of parks there", "ur": "وہاں پارکس کی تعداد", "roman_ur": "wahan parks ki tadaad"},
    "item_for_whom": {"en": "the group it is meant for", "ur": "یہ کن کے لیے ہے", "roman_ur": "ye kin ke liye hai"},
    "item_address": {"en": "a street address", "ur": "پتہ", "roman_ur": "address"},
    "item_contact": {"en": "contact details", "ur": "رابطے کی تفصیل", "roman_ur": "contact details"},
    "item_women": {"en": "a figure for women", "ur": "خواتین کی تعداد", "roman_ur": "khawateen ki tadaad"},
    "empty": {
        "en": "Please type your question in words, for example: \"rent subsidy\".",
        "ur": "براہِ کرم اپنا سوال الفاظ میں لکھیں، مثلاً: \"کرائے پر سبسڈی\"۔",
        "roman_ur": "Meharbani kar ke apna sawal likhein, maslan: \"rent subsidy kitni hai\".",
    },
    "too_long": {
        "en": "That message is very long; I read only its beginning. Please ask one question at a time.",
        "ur": "یہ پیغام بہت لمبا ہے؛ میں نے صرف اس کا شروع کا حصہ پڑھا۔ براہِ کرم ایک وقت میں ایک سوال پوچھیں۔",
        "roman_ur": "Ye message bohat lamba hai; main ne sirf shuru ka hissa parha. Ek waqt mein ek sawal poochein.",
    },
    "help": {
        "en": "Ask me a question in your own words, for example \"Which parks are in Lahore?\" or \"How much is "
              "the rent subsidy?\". Type \"talk to a person\" to reach our staff. /lang changes my language.",
        "ur": "اپنا سوال اپنے الفاظ میں لکھیں، مثلاً \"لاہور میں کون سے پارک ہیں؟\" یا \"کرائے پر کتنی سبسڈی ہے؟\"۔ "
              "عملے سے بات کرنے کے لیے \"نمائندے سے بات\" لکھیں۔ زبان بدلنے کے لیے /lang لکھیں۔",
        "roman_ur": "Apna sawal apne alfaz mein likhein, maslan \"Lahore mein kaun se parks hain?\" ya \"rent "
                    "subsidy kitni hai?\". Staff se baat ke liye \"insaan se baat\" likhein. Zaban badalne ke liye "
                    "/lang likhein.",
    },
    "need_text": {
        "en": "I can only read text messages for now. Please type your question.",
        "ur": "میں ابھی صرف تحریری پیغام پڑھ سکتا ہوں۔ براہِ کرم اپنا سوال لکھ کر بھیجیں۔",
        "roman_ur": "Main abhi sirf likha hua message parh sakta hoon. Meharbani kar ke apna sawal likh kar bhejein.",
    },
    "failed": {
        "en": "Sorry, something went wrong while I was answering that. A person from our team will look at it.",
        "ur": "معذرت، جواب دیتے ہوئے کچھ خرابی ہو گئی۔ ہماری ٹیم کا کوئی فرد اسے دیکھے گا۔",
        "roman_ur": "Maazrat, jawab dete hue kuch kharabi ho gayi. Hamari team ka koi fard ise dekhega.",
    },
    "rate_limited": {
        "en": "You're sending messages faster than I can answer them. Please wait a minute, then ask again.",
        "ur": "آپ کے پیغامات بہت تیزی سے آ رہے ہیں۔ براہِ کرم ایک منٹ انتظار کر کے دوبارہ پوچھیں۔",
        "roman_ur": "Aap ke messages bohat tezi se aa rahe hain. Meharbani kar ke ek minute ruk kar dobara poochein.",
    },
    "lang_choose": {
        "en": "Which language should I use?",
        "ur": "میں کس زبان میں بات کروں؟",
        "roman_ur": "Main kis zaban mein baat karoon?",
    },
    "lang_set": {
        "en": "Done: I'll use English. I still answer each message in the script it is written in.",
        "ur": "ٹھیک ہے: میں اردو استعمال کروں گا۔ ہر پیغام کا جواب اسی رسم الخط میں دوں گا جس میں وہ لکھا گیا ہو۔",
        "roman_ur": "Theek hai: main Roman Urdu istemal karunga. Har message ka jawab usi tarah dunga jaise wo "
                    "likha gaya ho.",
    },
    "button_person_yes": {"en": "Yes, a person please", "ur": "جی ہاں، نمائندے سے بات",
                          "roman_ur": "Haan, insaan se baat"},
    "button_person_no": {"en": "No, thanks", "ur": "نہیں، شکریہ", "roman_ur": "Nahi, shukriya"},
    "language_name": {"en": "English", "ur": "اردو", "roman_ur": "Roman Urdu"},
}

def say(key: str, lang: str, **values: str) -> str:
    text = TEXTS[key].get(lang) or TEXTS[key]["en"]
    return text.format(**values) if values else text


# -- the escalation queue (issue 13): acknowledgement, reminder, back to the bot, rating --------------------
TEXTS.update({
    "escalated_when": {
        "en": "I've asked a person from the support team to take over this conversation. They will reply here "
              "{when}. Type \"back to bot\" to talk to me again.",
        "ur": "میں نے سپورٹ ٹیم کے ایک نمائندے سے کہہ دیا ہے کہ وہ یہ گفتگو سنبھالیں۔ وہ یہیں جواب دیں گے، {when}۔ "
              "دوبارہ مجھ سے بات کرنے کے لیے \"بوٹ سے بات\" لکھیں۔",
        "roman_ur": "Main ne support team ke ek banday ko keh diya hai ke wo ye baat cheet sambhalein. Wo yahin "
                    "jawab denge, {when}. Mujh se dobara baat ke liye \"bot se baat\" likhein.",
    },
    # every later message while a person has the conversation: channels that push (WhatsApp, Telegram) send
    # nothing (the reply is silent); the web page shows it as a notice, so the API never answers with nothing
    "with_a_person": {
        "en": "A person from our team has this conversation and will reply here. Type \"back to bot\" to talk to me "
              "again.",
        "ur": "یہ گفتگو ہماری ٹیم کے ایک نمائندے کے پاس ہے؛ وہ یہیں جواب دیں گے۔ دوبارہ مجھ سے بات کرنے کے لیے "
              "\"بوٹ سے بات\" لکھیں۔",
        "roman_ur": "Ye baat cheet hamari team ke ek banday ke paas hai; wo yahin jawab denge. Mujh se dobara baat ke "
                    "liye \"bot se baat\" likhein.",
    },
    "escalation_reminder": {
        "en": "Your message is with our team and a person will reply here {when}. Thank you for waiting.",
        "ur": "آپ کا پیغام ہماری ٹیم کے پاس ہے؛ ایک نمائندہ یہیں جواب دے گا، {when}۔ انتظار کا شکریہ۔",
        "roman_ur": "Aap ka message hamari team ke paas hai; ek banda yahin jawab dega, {when}. Intezar ka shukriya.",
    },
    "when_soon": {"en": "within the hour", "ur": "ایک گھنٹے کے اندر", "roman_ur": "ek ghante ke andar"},
    "when_today": {"en": "today by {time} (Pakistan time)", "ur": "آج {time} بجے تک (پاکستانی وقت)",
                   "roman_ur": "aaj {time} baje tak (Pakistan time)"},
    "when_tomorrow": {"en": "tomorrow by {time} (Pakistan time, office hours)",
                      "ur": "کل {time} بجے تک (پاکستانی وقت، دفتری اوقات)",
                      "roman_ur": "kal {time} baje tak (Pakistan time, office hours)"},
    "when_day": {"en": "on {day} by {time} (Pakistan time, office hours)",
                 "ur": "{day} کو {time} بجے تک (پاکستانی وقت، دفتری اوقات)",
                 "roman_ur": "{day} ko {time} baje tak (Pakistan time, office hours)"},
    "day_0": {"en": "Monday", "ur": "پیر", "roman_ur": "Peer"},
    "day_1": {"en": "Tuesday", "ur": "منگل", "roman_ur": "Mangal"},
    "day_2": {"en": "Wednesday", "ur": "بدھ", "roman_ur": "Budh"},
    "day_3": {"en": "Thursday", "ur": "جمعرات", "roman_ur": "Jumeraat"},
    "day_4": {"en": "Friday", "ur": "جمعہ", "roman_ur": "Juma"},
    "day_5": {"en": "Saturday", "ur": "ہفتہ", "roman_ur": "Hafta"},
    "day_6": {"en": "Sunday", "ur": "اتوار", "roman_ur": "Itwaar"},
    "flow_explain": {"en": "I'm filling in your request step by step: just answer the question below, or say "
                           "\"cancel\" to stop.",
                     "ur": "میں آپ کی درخواست قدم بہ قدم بھر رہا ہوں: بس نیچے والے سوال کا جواب دیں، یا روکنے "
                           "کے لیے \"منسوخ\" لکھیں۔",
                     "roman_ur": "Main aap ki request qadam ba qadam bhar raha hoon: bas neeche wale sawal ka jawab "
                                 "dein, ya rokne ke liye \"cancel\" likhein."},
    "flow_switched": {"en": "OK, I've dropped that draft (nothing was sent).",
                      "ur": "ٹھیک ہے، وہ مسودہ چھوڑ دیا (کچھ نہیں بھیجا گیا)۔",
                      "roman_ur": "Theek hai, wo draft chhor diya (kuch nahi bheja gaya)."},
    "back_to_bot_flow": {
        "en": "You're talking to parkbot again. Your draft is kept: let's go on where we stopped "
              "(or say \"cancel\").",
        "ur": "اب آپ دوبارہ پارک بوٹ سے بات کر رہے ہیں۔ آپ کا مسودہ محفوظ ہے: وہیں سے آگے چلتے ہیں "
              "(یا \"منسوخ\" لکھیں)۔",
        "roman_ur": "Ab aap dobara parkbot se baat kar rahe hain. Aap ka draft mehfooz hai: wahin se aage chalte hain "
                    "(ya \"cancel\" likhein).",
    },
    "back_to_bot": {
        "en": "You're talking to parkbot again. Ask me anything about the parks.",
        "ur": "اب آپ دوبارہ پارک بوٹ سے بات کر رہے ہیں۔ پارکس کے بارے میں کچھ بھی پوچھیں۔",
        "roman_ur": "Ab aap dobara parkbot se baat kar rahe hain. Parks ke baare mein kuch bhi poochein.",
    },
    "resolved_rate": {
        "en": "Our team has marked your question as resolved. How did we do? Reply with a number from 1 (poor) "
              "to 5 (excellent). You can also keep asking me anything.",
        "ur": "ہماری ٹیم نے آپ کا سوال حل شدہ قرار دے دیا ہے۔ ہماری خدمت کیسی رہی؟ 1 (خراب) سے 5 (بہترین) تک کوئی "
              "عدد لکھ کر بتائیں۔ آپ مجھ سے مزید سوال بھی پوچھ سکتے ہیں۔",
        "roman_ur": "Hamari team ne aap ka sawal hal shuda kar diya hai. Hamari service kaisi rahi? 1 (kharab) se 5 "
                    "(behtareen) tak koi number likh kar batayein. Aap mujh se mazeed sawal bhi pooch sakte hain.",
    },
    "rating_thanks": {
        "en": "Thank you for your rating! Ask me anything else about the parks.",
        "ur": "آپ کی رائے کا شکریہ! پارکس کے بارے میں کچھ اور پوچھنا ہو تو پوچھیں۔",
        "roman_ur": "Aap ki rating ka shukriya! Parks ke baare mein kuch aur poochna ho to poochein.",
    },
    "handed_back": {
        "en": "Our team has handed this conversation back to me, parkbot. Ask me anything about the parks.",
        "ur": "ہماری ٹیم نے یہ گفتگو واپس مجھے، پارک بوٹ کو، دے دی ہے۔ پارکس کے بارے میں کچھ بھی پوچھیں۔",
        "roman_ur": "Hamari team ne ye baat cheet wapas mujhe, parkbot ko, de di hai. Parks ke baare mein kuch bhi "
                    "poochein.",
    },
})


#: The bookings' and applications' words (bot/flows): a step's questions live in the flows' own data;
#: these are the engine's, the same for every flow.
FLOW_TEXTS: dict[str, dict[str, str]] = {
    "flow_start": {
        "en": "Let's do your {title} here. Say \"cancel\" at any time to stop.",
        "ur": "آئیے آپ کی {title} یہیں مکمل کرتے ہیں۔ روکنے کے لیے کسی بھی وقت \"منسوخ\" لکھیں۔",
        "roman_ur": "Chaliye aap ki {title} yahin karte hain. Rokne ke liye kabhi bhi \"cancel\" likhein.",
    },
    "flow_cancelled": {
        "en": "Cancelled: nothing was sent. Ask me anything else any time.",
        "ur": "منسوخ کر دیا: کچھ نہیں بھیجا گیا۔ کوئی اور سوال ہو تو پوچھیں۔",
        "roman_ur": "Cancel kar diya: kuch nahi bheja gaya. Koi aur sawal ho to poochein.",
    },
    "flow_summary": {"en": "Please check your {title}:", "ur": "براہِ کرم اپنی {title} دیکھ لیں:",
                     "roman_ur": "Apni {title} check kar lein:"},
    "flow_confirm": {
        "en": "Reply yes to send it, tell me what to change, or say cancel.",
        "ur": "بھیجنے کے لیے \"جی ہاں\" لکھیں، کچھ بدلنا ہو تو بتائیں، یا \"منسوخ\" لکھیں۔",
        "roman_ur": "Bhejne ke liye \"haan\" likhein, kuch badalna ho to batayein, ya \"cancel\" likhein.",
    },
    "flow_change_what": {
        "en": "What should I change? For example: \"5 people\" or \"date 15 Dec\".",
        "ur": "کیا بدلنا ہے؟ مثلاً: \"5 افراد\" یا \"تاریخ 15 دسمبر\"۔",
        "roman_ur": "Kya badalna hai? Jaise: \"5 log\" ya \"date 15 Dec\".",
    },
    "flow_number_hint": {"en": "(reply with the number or the word)", "ur": "(نمبر یا نام لکھ دیں)",
                         "roman_ur": "(number ya naam likh dein)"},
    "flow_not_understood": {"en": "Sorry, I didn't get that.", "ur": "معذرت، میں سمجھ نہیں سکا۔",
                            "roman_ur": "Maazrat, main samajh nahi saka."},
    "flow_bad_phone": {
        "en": "That doesn't look like a Pakistani mobile number (e.g. 0300-1234567 or +92 300 1234567).",
        "ur": "یہ پاکستانی موبائل نمبر نہیں لگتا (مثلاً 0300-1234567 یا 923001234567+)۔",
        "roman_ur": "Ye Pakistani mobile number nahi lagta (jaise 0300-1234567 ya +92 300 1234567).",
    },
    "flow_bad_cnic": {
        "en": "A CNIC has 13 digits: 12345-1234567-1.", "ur": "شناختی کارڈ نمبر 13 ہندسوں کا ہوتا ہے: 12345-1234567-1۔",
        "roman_ur": "CNIC 13 digits ka hota hai: 12345-1234567-1.",
    },
    "flow_bad_email": {"en": "That email address doesn't look complete (e.g. name@example.com).",
                       "ur": "یہ ای میل پتہ مکمل نہیں لگتا (مثلاً name@example.com)۔",
                       "roman_ur": "Ye email address poora nahi lagta (jaise name@example.com)."},
    "flow_bad_date": {"en": "I couldn't read that date.", "ur": "میں یہ تاریخ نہیں سمجھ سکا۔",
                      "roman_ur": "Main ye tareekh nahi samajh saka."},
    "flow_date_weekday": {"en": "{date} is not a {weekday}. Which date do you mean?",
                          "ur": "{date} کو {weekday} نہیں ہے۔ کون سی تاریخ چاہیے؟",
                          "roman_ur": "{date} ko {weekday} nahi hai. Kaun si tareekh chahiye?"},
    "flow_date_past": {"en": "That date has already passed: please give a date from today on.",
                       "ur": "یہ تاریخ گزر چکی ہے: آج یا اس کے بعد کی تاریخ بتائیں۔",
                       "roman_ur": "Ye tareekh guzar chuki hai: aaj ya baad ki tareekh batayein."},
    "flow_time_past": {"en": "That time today has already passed: please give a later time, or another day.",
                       "ur": "آج کا یہ وقت گزر چکا ہے: بعد کا کوئی وقت یا کوئی اور دن بتائیں۔",
                       "roman_ur": "Aaj ka ye waqt guzar chuka hai: baad ka koi waqt ya koi aur din batayein."},
    # a public holiday in Pakistan (the ``holidays`` package's calendar; the parks' own hours are in no source)
    "flow_date_holiday": {"en": "Note: {day} is a public holiday in Pakistan ({name}), so the park may be closed. To "
                                "change the day, just send another date.",
                          "ur": "نوٹ: {day} پاکستان میں سرکاری چھٹی ہے ({name})، اس لیے پارک بند ہو سکتا ہے۔ دن بدلنے "
                                "کے لیے کوئی اور تاریخ بھیج دیں۔",
                          "roman_ur": "Note: {day} Pakistan mein sarkari chhutti hai ({name}), is liye park band ho "
                                      "sakta hai. Din badalne ke liye koi aur tareekh bhej dein."},
    "flow_date_sunday": {"en": "Note: {day} is a Sunday, the weekly day off in Pakistan, so the park may be closed. "
                               "To change the day, just send another date.",
                         "ur": "نوٹ: {day} کو اتوار ہے، پاکستان میں ہفتہ وار چھٹی، اس لیے پارک بند ہو سکتا ہے۔ دن "
                               "بدلنے کے لیے کوئی اور تاریخ بھیج دیں۔",
                         "roman_ur": "Note: {day} ko itwaar hai, Pakistan mein haftawar chhutti, is liye park band ho "
                                     "sakta hai. Din badalne ke liye koi aur tareekh bhej dein."},
    "flow_date_far": {"en": "That is more than a year away: please pick a nearer date.",
                      "ur": "یہ ایک سال سے زیادہ دور ہے: قریب کی تاریخ بتائیں۔",
                      "roman_ur": "Ye ek saal se zyada door hai: qareeb ki tareekh batayein."},
    "flow_bad_time": {"en": "I couldn't read that time.", "ur": "میں یہ وقت نہیں سمجھ سکا۔",
                      "roman_ur": "Main ye waqt nahi samajh saka."},
    "flow_bad_count": {"en": "Please give a number from {min} to {max}.",
                       "ur": "براہِ کرم {min} سے {max} تک کوئی عدد بتائیں۔",
                       "roman_ur": "{min} se {max} tak koi number batayein."},
    "flow_bad_name": {"en": "Please write just your name (letters only).", "ur": "براہِ کرم صرف اپنا نام لکھیں۔",
                      "roman_ur": "Sirf apna naam likhein."},
    "flow_bad_choice": {"en": "Please pick one of these.", "ur": "براہِ کرم ان میں سے ایک چنیں۔",
                        "roman_ur": "In mein se ek chunein."},
    "flow_bad_park": {"en": "I don't know that park.", "ur": "میں اس پارک کو نہیں جانتا۔",
                      "roman_ur": "Main is park ko nahi janta."},
    "flow_park_closed": {"en": "{park} is not open for bookings or applications yet.",
                         "ur": "{park} ابھی بکنگ یا درخواستوں کے لیے کھلا نہیں ہے۔",
                         "roman_ur": "{park} abhi booking ya application ke liye khula nahi hai."},
    "flow_no_park_in_city": {"en": "There is no park open for requests in {city} yet.",
                             "ur": "{city} میں ابھی کوئی پارک درخواستوں کے لیے کھلا نہیں۔",
                             "roman_ur": "{city} mein abhi koi park requests ke liye khula nahi."},
    "flow_women_only": {
        "en": "{park} is a women-only park: it takes bookings and applications for women only.",
        "ur": "{park} صرف خواتین کے لیے ہے: وہاں بکنگ اور درخواستیں صرف خواتین کی لی جاتی ہیں۔",
        "roman_ur": "{park} sirf khawateen ke liye hai: wahan booking aur application sirf khawateen ki hoti hai.",
    },
    "flow_submitted": {
        # saved, not "sent": delivery to the park's team comes after (and waits while no webhook is configured);
        # flow_accepted tells the user when it has reached them
        "en": "Done! Your request is saved and your reference is {reference}. I'll tell you here when the park's team "
              "has it and when they reply.",
        "ur": "ہو گیا! آپ کی درخواست محفوظ ہو گئی ہے، حوالہ نمبر {reference} ہے۔ پارک کی ٹیم تک پہنچنے اور ان کا جواب "
              "آنے پر میں یہیں بتاؤں گا۔",
        "roman_ur": "Ho gaya! Aap ki request save ho gayi hai, reference {reference} hai. Park ki team tak "
                    "pahunchne aur un ka jawab aane par main yahin bataunga.",
    },
    # where the user's own requests stand ("booking ka status kya h"): one line each, by RequestStatus
    "requests_none": {
        "en": "You have no booking or application with me yet. To make one, say \"book a meeting room\" or \"I want "
              "to apply\".",
        "ur": "آپ کی میرے پاس ابھی کوئی بکنگ یا درخواست نہیں۔ بکنگ کے لیے \"میٹنگ روم بک کرنا ہے\" یا درخواست کے لیے "
              "\"اپلائی کرنا ہے\" لکھیں۔",
        "roman_ur": "Aap ki mere paas abhi koi booking ya application nahi. Booking ke liye \"meeting room book karna "
                    "hai\" ya \"apply karna hai\" likhein.",
    },
    "request_cancel_person": {
        "en": "A saved request is cancelled or changed by the park's team. Shall I connect you with a person? Reply "
              "\"yes\".",
        "ur": "محفوظ درخواست پارک کی ٹیم ہی منسوخ یا تبدیل کرتی ہے۔ کیا میں آپ کی بات کسی نمائندے سے کرواؤں؟ "
              "\"جی\" لکھ کر جواب دیں۔",
        "roman_ur": "Save ki hui request park ki team hi cancel ya change karti hai. Kya main aap ki baat kisi banday "
                    "se karwaun? \"haan\" likh kar jawab dein.",
    },
    "requests_header": {"en": "Your requests:", "ur": "آپ کی درخواستیں:", "roman_ur": "Aap ki requests:"},
    # "how long will it take?" right after a request: no time is given anywhere
    # a "yes" or "ok" right after a request was saved (a double tap, or a reply to "done!"): no new question
    "request_noted": {
        "en": "Your request {reference} is saved. I'll tell you here when the park's team has it and when they "
              "reply.",
        "ur": "آپ کی درخواست {reference} محفوظ ہے۔ پارک کی ٹیم تک پہنچنے اور ان کا جواب آنے پر میں یہیں بتاؤں گا۔",
        "roman_ur": "Aap ki request {reference} save hai. Park ki team tak pahunchne aur un ka jawab aane par main "
                    "yahin bataunga.",
    },
    "request_wait": {
        "en": "My sources give no time for the park's team to answer; I'll tell you here as soon as they do.",
        "ur": "میرے ذرائع میں پارک کی ٹیم کے جواب کا کوئی وقت نہیں دیا گیا؛ جواب آتے ہی میں یہیں بتا دوں گا۔",
        "roman_ur": "Mere sources mein park ki team ke jawab ka koi waqt nahi diya gaya; jawab aate hi main yahin "
                    "bata dunga.",
    },
    "request_line": {"en": "• {reference} ({flow}): {status}", "ur": "• {reference} ({flow}): {status}",
                     "roman_ur": "• {reference} ({flow}): {status}"},
    "request_submitted": {"en": "saved; not yet with the park's team", "ur": "محفوظ ہے؛ ابھی پارک کی ٹیم تک نہیں پہنچی",
                          "roman_ur": "save hai; abhi park ki team tak nahi pahunchi"},
    "request_accepted": {"en": "with the park's team; waiting for their answer",
                         "ur": "پارک کی ٹیم کے پاس ہے؛ ان کے جواب کا انتظار ہے",
                         "roman_ur": "park ki team ke paas hai; un ke jawab ka intezar hai"},
    "request_confirmed": {"en": "confirmed", "ur": "تصدیق ہو گئی", "roman_ur": "confirm ho gayi"},
    "request_rescheduled": {"en": "moved to another time by the park", "ur": "پارک نے وقت بدل دیا",
                            "roman_ur": "park ne waqt badal diya"},
    "request_rejected": {"en": "the park could not accept it", "ur": "پارک اسے قبول نہیں کر سکا",
                         "roman_ur": "park ise qabool nahi kar saka"},
    "request_erased": {"en": "deleted at your request", "ur": "آپ کے کہنے پر حذف",
                       "roman_ur": "aap ke kehne par delete"},
    "flow_accepted": {
        "en": "Your request {reference} has reached the park's team.",
        "ur": "آپ کی درخواست {reference} پارک کی ٹیم تک پہنچ گئی ہے۔",
        "roman_ur": "Aap ki request {reference} park ki team tak pahunch gayi hai.",
    },
    "flow_status_confirmed": {"en": "Good news: {reference} is confirmed.{note}",
                              "ur": "خوشخبری: {reference} کی تصدیق ہو گئی ہے۔{note}",
                              "roman_ur": "Khushkhabri: {reference} confirm ho gaya hai.{note}"},
    "flow_status_rescheduled": {"en": "{reference} has been moved to {when}.{note}",
                                "ur": "{reference} کا وقت بدل کر {when} کر دیا گیا ہے۔{note}",
                                "roman_ur": "{reference} ka waqt badal kar {when} kar diya gaya hai.{note}"},
    "flow_status_rejected": {"en": "Sorry, the park could not accept {reference}.{note}",
                             "ur": "معذرت، پارک {reference} قبول نہیں کر سکا۔{note}",
                             "roman_ur": "Maazrat, park {reference} qabool nahi kar saka.{note}"},
    "flow_button_yes": {"en": "Yes, send it", "ur": "جی ہاں، بھیج دیں", "roman_ur": "Haan, bhej dein"},
    "flow_button_cancel": {"en": "Cancel", "ur": "منسوخ", "roman_ur": "Cancel"},
    "status_needs_identity": {
        "en": "I can tell you where your booking or application stands only where I know it is you: on the chat page, "
              "WhatsApp or Telegram.",
        "ur": "آپ کی بکنگ یا درخواست کی صورتِ حال میں صرف وہیں بتا سکتا ہوں جہاں مجھے یقین ہو کہ یہ آپ ہیں: چیٹ پیج، "
              "واٹس ایپ یا ٹیلی گرام پر۔",
        "roman_ur": "Aap ki booking ya application ka status main sirf wahan bata sakta hoon jahan pata ho ke ye aap "
                    "hain: chat page, WhatsApp ya Telegram par.",
    },
    "privacy_needs_identity": {
        "en": "I can show or delete your data only where I know it is you: on the chat page, WhatsApp or Telegram.",
        "ur": "آپ کا ڈیٹا میں صرف وہیں دکھا یا حذف کر سکتا ہوں جہاں مجھے یقین ہو کہ یہ آپ ہیں: چیٹ پیج، واٹس ایپ یا "
              "ٹیلی گرام پر۔",
        "roman_ur": "Aap ka data main sirf wahan dikha ya delete kar sakta hoon jahan pata ho ke ye aap hain: chat "
                    "page, WhatsApp ya Telegram par.",
    },
    "privacy_stored": {
        "en": "What I store about you on this channel: {messages} messages of our conversation, your language "
              "({language}){requests}.",
        "ur": "اس چینل پر آپ کے بارے میں میرے پاس محفوظ ہے: ہماری گفتگو کے {messages} پیغامات، آپ کی زبان "
              "({language}){requests}۔",
        "roman_ur": "Is channel par aap ke baare mein mere paas: hamari baat cheet ke {messages} messages, aap ki "
                    "zaban ({language}){requests}.",
    },
    "privacy_requests": {"en": ", and these requests:\n{lines}\nSay \"delete my data\" to erase it.",
                         "ur": "، اور یہ درخواستیں:\n{lines}\nمٹانے کے لیے \"میرا ڈیٹا حذف کریں\" لکھیں",
                         "roman_ur": ", aur ye requests:\n{lines}\nMitane ke liye \"mera data delete karo\" likhein"},
    "privacy_deleted": {
        "en": "Deleted: our conversation and your details on this channel are erased.",
        "ur": "حذف کر دیا: اس چینل پر ہماری گفتگو اور آپ کی تفصیلات مٹا دی گئی ہیں۔",
        "roman_ur": "Delete kar diya: is channel par hamari baat cheet aur aap ki details mita di gayi hain.",
    },
    "privacy_kept": {
        "en": " The park's team already received {references}; their records keep the details sent with it, "
              "and so do ours for their follow-up (this is how parkbot is configured).",
        "ur": " پارک کی ٹیم کو {references} پہلے ہی مل چکی ہے؛ ان کے ریکارڈ میں بھیجی گئی تفصیلات رہیں گی، اور "
              "ان کی کارروائی کے لیے ہمارے پاس بھی (یہ پارک بوٹ کی ترتیب ہے)۔",
        "roman_ur": " Park ki team ko {references} pehle hi mil chuki hai; un ke record mein bheji gayi details "
                    "rahengi, aur un ki karwai ke liye hamare paas bhi (parkbot aise set hai).",
    },
    "flow_updated": {"en": "Updated: {changes}.", "ur": "بدل دیا: {changes}۔", "roman_ur": "Badal diya: {changes}."},
    # another question's answer, given where one was asked ("three of us" at the time question): kept, and said so
    "flow_noted": {"en": "Noted: {changes}.", "ur": "نوٹ کر لیا: {changes}۔", "roman_ur": "Note kar liya: {changes}."},
    "flow_changing": {"en": "All right, let's change it.", "ur": "ٹھیک ہے، اسے بدل دیتے ہیں۔",
                      "roman_ur": "Theek hai, ise badal dete hain."},
    "flow_back": {"en": "All right, one step back.", "ur": "ٹھیک ہے، ایک قدم پیچھے۔",
                  "roman_ur": "Theek hai, ek qadam peeche."},
    "privacy_masked": {
        "en": " The park's team already received {references}; ask the park to delete it from their records. "
              "Here only a masked copy is left.",
        "ur": " پارک کی ٹیم کو {references} پہلے ہی مل چکی ہے؛ ان کے ریکارڈ سے حذف کروانے کے لیے پارک سے رابطہ "
              "کریں۔ یہاں صرف چھپائی ہوئی نقل باقی ہے۔",
        "roman_ur": " Park ki team ko {references} pehle hi mil chuki hai; un ke record se delete karwane ke liye "
                    "park se rabta karein. Yahan sirf chhupi hui copy baqi hai.",
    },
}
TEXTS.update(FLOW_TEXTS)
