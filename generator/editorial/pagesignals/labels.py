"""Page furniture known by its words, in the archive's source languages.

A copied page's lines are told apart by what they say as well as by their shape: an
advertisement's or a photo credit's words (``ALWAYS_SKIP``), a copyright, credit or
consent line after which no article goes on (``ALWAYS_END``), a label that interrupts an
article (``LABEL_SKIP``: "Listen to article", "Key points", "Lire aussi") or ends it
(``LABEL_END``: "Related", "Comments", "Share"), an author's bio, an appeal or a licence
(``BIO``, ``APPEAL``) and an outlet describing itself (``SELF_DESCRIPTION``). English,
French, Russian and Arabic throughout; German and Spanish where pages use them.
``ingest_text.classify`` applies them in one order.
"""

from __future__ import annotations

import re

# Furniture, whatever it looks like: ads, photo credits, agency desk codes.
ALWAYS_SKIP = re.compile(r"""(?ix)^(?:
    advertisement\b.*|report\ this\ ad|scroll\ to\ continue.*|
    [^.!?«]{2,80}\ (?:→|›|»|>>|➔|➜)|(?:→|›|➔|➜)\ [^.!?]{2,80}|
    .*\b(?:reuters|afp|ap\ photo|getty\ images|photo|foto|фото|photograph|image|credit|handout|
    file\ photo)\ ?[/:].*|
    .*[(\[][^()\[\]]{0,60}\b(?:photo|photograph|image|picture|credit|getty|reuters|afp|ap|aa|
    epa|tass|handout|file)\b[^()\[\]]{0,60}[)\]]\s*|
    .*purchase\ licensing\ rights.*|
    .*[.!?]\ (?:[\w-]+\ ){0,2}(?:photo|photograph|фото)\.?|
    .*\[[^\]]*/[^\]]*\]|[a-z]{2,5}(?:/[a-z]{2,5})+|
    .{3,}\ ©\ ?[A-Z][^©\d]{2,60}[,/]\ ?\w[^©\d]{1,40}|
    .*\S\ ?[/©]\ ?(?:afp|reuters|ap|epa|getty\ images|aa|tass|sputnik|pool|efe|xinhua|anadolu)
    (?:\ via\ getty\ images|/getty\ images|\ photos?|\ images?|\ pictures?)?\.?\)?|
    (?:à\ )?lire\ aussi\b.*|(?:read|see|also)\ (?:also|read)\b.*|читайте\ также.*|
    читать\ также.*|смотрите\ также.*|اقرأ\ أيضا.*|اقرأ\ ايضا.*|
    (?:this\ content|the\ content\ you|le\ contenu\ auquel)\b.*(?:not|no\ longer|
    n'existe\ pas|plus\ disponible)\b.*|
    [¹²³⁴⁵⁶⁷⁸⁹⁰]+\ .*|\d{1,3}(?:\ ?/\ ?\d{1,3})?|.*\bpage\ \d{1,3}|
    (?:updated|published|posted|modified|issued)?:?\ ?(?:on\ )?(?:\d+|an?|one)
    \ (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\ ago\b.*|
    (?:updated|published)\ (?:just\ now|today|yesterday|moments\ ago)\b.*|
    [•·]?\ ?\d{1,2}\ ?[hmd]|
    (?:(?:share|facebook|twitter|x|e-?mail|print|whatsapp|telegram|linkedin|reddit|copy\ link|
    save|comments?|download\ pdf|cite\ this|cite)[\s|,/·•]*){2,}|
    .*\b(?:click|tap)\ here\ to\ share\b.*|share\d+|.*\bshare\ (?:on|this|via)\b.*|
    save\ articles?\ to\ read\ later.*|listen\ to\ this\ article.*|\^\ .*|
    this\ live\ (?:page|blog)\ (?:is\ now\ |has\ )?closed\.?|
    ce\ direct\ est\ (?:maintenant\ )?terminé\.?|-*\ ?forwarded\ message\ ?-*|
    begin\ forwarded\ message:?|jump\ to\ (?:content|navigation|search|main\ content)|
    aller\ au\ (?:contenu|menu)(?:\ principal)?|перейти\ к\ (?:основному\ )?(?:содержанию|
    контенту)|(?:انتقل|تخطى)\ إلى\ المحتوى(?:\ الرئيسي)?|zum\ inhalt\ springen|
    ir\ al\ contenido(?:\ principal)?|içeriğe\ (?:geç|atla)|
    welcome\ to\ (?:the\ )?\w+(?:\ \w+){0,3}|
    (?:from|de)\ \w+,\ (?:the\ free\ encyclop(?:ae|e)dia|l['’]encyclopédie\ libre)|
    материал\ из\ \w+\ —\ свободной\ энциклопедии|من\ \w+،\ الموسوعة\ الحرة|
    .*\b(?:photo|photograph|picture|image|crédit|credit|фото|صورة)(?:\ d['’]illustration|
    \ d['’]archives?|\ de\ archivo|\ ?:)?\ ?(?:afp|reuters|ap|epa|getty\ images|aa|tass|sputnik|
    efe|xinhua|anadolu|ria\ novosti|dpa)\W*
)$""")
# A photo credit by its shape, in any language: a name of two to four capitalised words and
# one to three agencies after slashes ("Diego Herrera Carcedo / Anadolu / Getty").
CREDIT_SHAPE = re.compile(r"^[A-ZÀ-Ý][\w'’-]*(?: [A-ZÀ-Ý][\w.'’-]*){1,3}"
                          r"(?: ?/ ?[A-Z][\w'’&-]*(?: [A-Z][\w'’&-]*){0,2}){1,3}$")
# Furniture after which the article does not go on, even where it reads like a sentence.
ALWAYS_END = re.compile(r"""(?ix)^(?:
    \(?(?:reporting|writing|editing|additional\ reporting|compiled|edited)\ by\b.*|
    our\ standards\b.*|.*\bopens\ new\ tab|(?:©|copyright|\(c\)).*|.*all\ rights\ reserved.*|
    .*privacy\ (?:policy|choices|settings).*|.*terms\ (?:of|and)\ (?:use|service|conditions).*|
    .*\bcookies?\b.*|.*\bnewsletter\b.*|.*\bcontact\ us\b.*|.*\bsubscription\ options\b.*|
    .*\bsupport\ (?:us|our\ journalism|independent\ journalism)\b.*|
    (?:this\ (?:article|story|piece|report)\ )?(?:was\ )?(?:originally|first)
    \ (?:published|appeared)\b.*|
    republished\b.*|reprinted\b.*|source:.*|courtesy\ of\b.*|
    (?:correction|rectificatif|erratum|исправление|تصحيح)\s*(?:[,:(—–-]|\d|le\b|on\b).*|
    this\ is\ a\ translation\b.*|
    .*(?:все\ права|جميع\ الحقوق|حقوق\ النشر|tous\ droits|alle\ rechte|derechos\ reservados).*|
    we\ value\ your\ privacy|accept\ all(?:\ cookies)?|reject\ all|more\ options|
    manage\ (?:options|preferences|settings|consent)|.*\bclick\ to\ consent\b.*|
    .*\bwith\ your\ permission\b.*|(?:tout\ )?accepter|tout\ refuser|alle\ akzeptieren|
    aceptar(?:\ todo)?|принять(?:\ все)?|
    (?:this\ (?:article|story)\ (?:was|has\ been)\ )?translated
    \ from\b.*
)$""")
# Labels that interrupt an article without ending it (only where they are not sentences).
LABEL_SKIP = re.compile(r"""(?ix)^(?:
    ad|ads|story\ continues.*|continue\ reading.*|\d{1,2}:\d{2}|
    \d{1,2}[:.h]\d{2}\ ?(?:[ap]\.?m\.?)?(?:\ [a-z]{2,4})?|enlarge\ this\ image|heard\ on\b.*|
    temps\ de\ lecture.*|.*\btemps\ de\ lecture|lire\ plus\ tard|(?:estimated\ )?reading\ time\b.*|
    время\ (?:на\ )?чтени[яе]\b.*|وقت\ القراءة.*|lesezeit\b.*|tiempo\ de\ lectura\b.*|
    okuma\ süresi\b.*|offrir\ cet\ article|
    partager(?:\ :)?.*|teilen|compartir|поделиться|شارك|\d+\ postings?|
    texte\ par\ ?:.*|avec\ (?:afp|reuters|ap|afp\ et\ reuters)|
    translat(?:ion|ed)\ by\b.*|live|en\ direct|прямой\ эфир|مباشر|tt|print|imprimer|
    (?:watch|video|listen|audio|photos?)(?::.*)?|\d+\s*min(?:ute)?s?\ read|
    \d+\s+(?:seconds?|minutes?|mins?|hours?|days?|weeks?)\b.*|
    (?:listen|watch|stream|read|follow|subscribe|download|play|available|support\ us|find\ us)
    \ (?:on|in|at|via|now\ on)\ \S+(?:\ \S+){0,3}|
    (?:listen|watch|read|view|play|download|cite|copy|leave|print)(?:\ (?:to|the|this|full|
    article|story|audio|video|episode|segment|transcript|pdf|report|url|link|page|your|
    feedback|now|in\ app|original))+|
    écouter(?:\ (?:cet\ )?article)?|regarder(?:\ la\ vidéo)?|слушать(?:\ статью)?|
    смотреть(?:\ видео)?|استمع(?:\ إلى\ المقال)?|(?:artikel\ )?(?:anhören|vorlesen)|
    escuchar(?:\ (?:el\ )?artículo)?|publicidad|anzeige|werbung|реклама|إعلان|publicité|
    (?:quote|details|background|цитата|подробности|контекст):|
    key\ points|key\ takeaways|summary|highlights|in\ brief|at\ a\ glance|what\ we\ know|
    l['’]essentiel|ce\ qu['’]il\ faut\ (?:retenir|savoir)|en\ bref|résumé|главное|коротко|
    кратко|أبرز\ النقاط|ملخص|باختصار|das\ wichtigste(?:\ in\ kürze)?|auf\ einen\ blick|
    en\ resumen|claves|lo\ esencial
)$""")
# "Key points" and the like: a label whose bullets sit between the title and the article.
KEY_POINTS = re.compile(r"^(?:key points|key takeaways|summary|highlights|in brief|at a glance|"
                        r"what we know|l['’]essentiel|ce qu['’]il faut (?:retenir|savoir)|"
                        r"en bref|résumé|коротко|кратко|أبرز النقاط|ملخص|باختصار|"
                        r"das wichtigste(?: in kürze)?|auf einen blick|en resumen|claves|"
                        r"lo esencial)$", re.IGNORECASE)
# The ends of an article in every language of the archive's sources, shared by
# LABEL_END and HARD_END: reference sections (a copied Wikipedia page's), then related,
# most-read and comment lists (verbose patterns: each line ends its alternative with |).
_SECTIONS = r"""
    (?:see\ also|references|notes|external\ links|further\ reading|bibliography|footnotes|
    voir\ aussi|références|notes\ et\ références|примечания|ссылки|литература|см\.\ также|
    المراجع|انظر\ أيضا|einzelnachweise|siehe\ auch|referencias|véase\ también)(?:\ ?\[edit\])?|
"""
_OTHER_LANGUAGES = r"""
    sur\ le\ même\ sujet|à\ lire\ (?:également|aussi)|les\ plus\ lus|commentaires?(?:\ \(\d+\))?|
    похожие\ (?:материалы|новости)|по\ теме|новости\ по\ теме|другие\ новости|
    այլ\ նորություններ|նմանատիպ\ նյութեր|самое\ читаемое|комментарии(?:\ \(\d+\))?|
    مواضيع\ ذات\ صلة|أخبار\ ذات\ صلة|الأكثر\ قراءة|التعليقات|mehr\ zum\ thema|weiterlesen:?|
    das\ könnte\ sie\ auch\ interessieren|meistgelesen|kommentare|zum\ forum.*|
    más\ información|te\ puede\ interesar|lo\ más\ (?:visto|leído)|comentarios
"""
# Labels after which the article does not go on: related links, comments, sharing.
LABEL_END = re.compile(r"""(?ix)^(?:
    related(?:\ (?:stories|articles|coverage|news|content|topics|posts|reading))?:?|
    read\ (?:more|next|also)\b.*|more\ (?:top\ )?reads\b.*|
    more\ (?:from|on|in|stories|news|like\ this)\b.*|most\ (?:read|popular|viewed|shared)\b.*|
    top\ (?:stories|news)|trending\b.*|latest(?:\ (?:news|stories|articles))?|
    recommended\b.*|you\ (?:may|might)\ also\b.*|editor'?s\ picks?|keep\ reading|
    (?:leave|post|add)\ a\ comment|\d*\s*comments?|(?:view|show|hide)\ comments|
    join\ the\ (?:discussion|conversation)\b.*|be\ the\ first\ to\ comment.*|
    share\b.*|tweet|e-?mail|print|copy\ link|save|facebook|twitter|x(?:\ \(twitter\))?|
    whatsapp|telegram|linkedin|reddit|vk|flipboard|
    subscribe\b.*|sign\ (?:in|up)\b.*|log\ ?in|register|e-?mail\ address|donate(?:\ now)?|
    tags?:.*|topics?:?|filed\ under\b.*|categories:.*|sponsored\b.*|
    back\ to\ (?:top|homepage)\b.*|advertise\b.*|about\ us|contact(?:\ us)?|follow\ us\b.*|
    download\ (?:the|our)\ app\b.*|
    (?:legal\ )?disclaimers?:?|avertissement(?:\ légal)?\ ?:?|mentions\ légales|
    haftungsausschluss:?|aviso\ legal:?|descargo\ de\ responsabilidad:?|
    отказ\ от\ ответственности:?|إخلاء\ (?:ال)?مسؤولية:?|sorumluluk\ reddi:?|yasal\ uyarı:?|
    سلب\ مسئولیت:?|відмова\ від\ відповідальності:?|
    open\ in\ (?:the\ )?app|get\ the\ app|read\ in\ app|
    skip\ to\ (?:main\ )?content|menu|search|home|
""" + _SECTIONS + _OTHER_LANGUAGES + r"""
)$""")
# Where the article certainly stops (not a promotion box it goes on after): related and
# most-read lists, comments, tags, a copyright or the wire's credits.
HARD_END = re.compile(r"""(?ix)^(?:
    related\b.*|read\ (?:more|next)\b.*|more\ (?:from|on|in|stories|news|like\ this)\b.*|
    most\ (?:read|popular|viewed|shared)\b.*|recommended\b.*|you\ (?:may|might)\ also\b.*|
    \d*\s*comments?\b.*|(?:leave|post|add)\ a\ (?:comment|reply)|tags?:.*|topics?:?.*|
    filed\ under\b.*|(?:©|copyright|\(c\)).*|.*all\ rights\ reserved.*|
    \(?(?:reporting|writing|editing|additional\ reporting)\ by\b.*|
""" + _SECTIONS + _OTHER_LANGUAGES + r"""
)$""")
BIO = re.compile(r"^(?:\d{1,2} )?[A-Z][\w.'’-]+(?: (?:[A-Z][\w.'’-]+|de|van|von|al|el|bin|da|di|"
                  r"la|le)){1,4},? (?:is|was) (?:an? |the )?(?:[\w-]+ ){0,6}(?i:journalist|"
                  r"reporter|correspondent|writer|editor|analyst|researcher|fellow|contributor|"
                  r"photographer|producer|sociologist|scholar|professor|historian|economist|"
                  r"lecturer|author|expert|specialist|student|candidate)\b")
# Appeals, licences and disclosures: furniture however much they read like sentences.
APPEAL = re.compile(r"""(?ix).*\b(?:
    creative\ commons|cc\ by(?:-[a-z]{2})*\ \d|licen[cs]ed\ under|republish(?:ed)?\ (?:this|under)|
    please\ credit|support\ (?:us|our\ work|independent|\w+['’]s\ independent)|
    donate\ (?:now|today|here|to\ (?:us|our))|please\ donate|
    your\ support\ (?:keeps|helps|is|makes|matters|allows|means)|
    make\ a\ (?:gift|donation|contribution)|become\ a\ (?:member|supporter|patron)|
    listener-supported|reader-supported|ad-free|
    subscri(?:be|ption)|(?:for|become\ a|our|paying)\ subscribers?|
    subscribers?\ (?:only|can|get|receive)|sign\ up|newsletters?|in\ your\ inbox|small\ favour|
    join\ (?:a|our)\ (?:growing\ )?community|
    provides\ funding\ as\ (?:a\ )?(?:founding\ )?(?:partner|member)|
    does\ not\ work\ for,|receive\ funding\ from\ any|institutional\ positions|
    the\ views\ (?:represented|expressed)|
    contributed\ (?:to\ this\ )?report(?:ing)?|
    edited\ (?:for|and)\ (?:length|clarity|brevity)|condensed\ (?:for|and)\ clarity|
    thanks\ for\ reading|briefing\ (?:was\ )?concluded|letters?\ to\ the\ editor|
    abonnez-vous|réservé\ aux\ abonnés|подпишитесь|اشترك|abone\w*|
    reader-(?:funded|backed|powered)|
    consider\ (?:supporting\ (?:us|our)|donating|making\ a\ donation)|faites\ un\ don|
    soutenez-nous|jetzt\ spenden|
    apóyanos|поддержите\ нас|підтримайте\ нас|ادعمنا|bizi\ destekleyin|
    without\ warranty\ of\ any\ kind|
    (?:whatsapp|telegram|viber|google\ news|instagram|youtube|tiktok)\b.{0,80}\b(?:click\ here|
    clicca(?:re)?\ qui|cliquez\ ici|hier\ klicken|haga\ clic|нажмите|tıklayın|iscriviti|
    abonnez-vous|subscribe\ (?:now|here|to\ our)|abone\ olun)|(?:follow|join|seguici|
    suivez(?:-nous)?|folgen\ sie\ uns|síguenos|подпишитесь|تابعونا|takip\ edin)\ (?:us\ )?
    (?:on|sur|su|auf|en|в|على)?\ ?(?:whatsapp|telegram|viber|google\ news|instagram|youtube|
    tiktok)
)\b.*""")
# A wiki's edit stamp: the page is edited by anyone and never published on a day, so no
# date it shows is a publication date (MediaWiki's footer, in the archive's languages).
WIKI_EDITED = re.compile(r"(?i)^(?:this page was last edited on|cette page a été modifiée pour la "
                         r"dernière fois le|эта страница в последний раз была отредактирована|"
                         r"آخر تعديل لهذه الصفحة)")
SELF_DESCRIPTION = re.compile(  # "Hetq is an investigative online newspaper": the outlet's
    r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4} is (?:an?|the) (?:[\w-]+ ){0,5}(?:newspaper|"
    r"news (?:outlet|site|website|agency|portal)|outlet|magazine|broadcaster)\b")
