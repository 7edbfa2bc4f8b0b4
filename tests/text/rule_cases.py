"""The line-rule cases shared by test_rules.py and test_gates.py: for every rule, lines where it
fires and near misses where it must not (no tests in here)."""
from __future__ import annotations

from cleaner.text import rules

EN, DE, FR, ES, PL = "en", "de", "fr", "es", "pl"
MULTILINGUAL = ("cookie_notice", "copyright_notice", "ad_label", "promo_line", "related_heading",
                "comments_heading", "comment_form",
                "read_also_link", "byline", "tag_list", "dateline")
OTHER_LANGUAGES = (DE, FR, ES, PL)


def regression(text: str, lang: str, was: str) -> tuple:
    """A line a rule once judged wrong (`was` says how); it is judged right now."""
    return text, lang


SHORT_DATED_SENTENCE = (
    "dateline counts the words left once the date and date words are gone (<= 3) and ignores that the "
    "line is a sentence: a short story sentence telling a full date is removed as metadata")

# rule name -> (reason label, lines where it fires, near misses where it must not).
# A line is (text, lang), or (text, lang, why) for a known miss (run as a strict xfail).
CASES = {
    "stray_fragment": (rules.FRAGMENT, [
        ("f", EN),
        ("___", EN),
        ("* * *", EN),
        ("|", EN),
    ], [
        ("AP", EN),
        ("Syria", EN),
        ("2017", EN),
        ("Go", EN),
    ]),
    "cookie_notice": (rules.COOKIE_BANNER, [
        ("We use cookies to improve your experience on our website. By continuing to browse, you agree "
         "to our use of cookies.", EN),
        ("This site uses cookies. Accept", EN),
        ("Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten. Mit der Nutzung der Seite "
         "stimmen Sie dem zu.", DE),
        ("Ce site utilise des cookies pour améliorer votre expérience. En poursuivant votre navigation, "
         "vous acceptez leur utilisation.", FR),
        ("Utilizamos cookies propias y de terceros. Si continúa navegando, acepta su uso.", ES),
        ("Ta strona używa plików cookie. Korzystając z niej akceptujesz politykę prywatności.", PL),
        ("The technical storage or access is strictly necessary for the legitimate purpose of enabling "
         "the use of a specific service explicitly requested by the subscriber or user.", EN),
        ("Die technische Speicherung oder der Zugriff, der ausschließlich zu statistischen Zwecken erfolgt.", DE),
        ("Klicken Sie auf den unteren Button, um den Inhalt von www.komoot.de zu laden.", DE),
        ("An dieser Stelle findet Ihr einen externen Inhalt von Instagram, der den Artikel ergänzt.", DE),
        ("Empfohlener redaktioneller Inhalt", DE),  # the heading of an embed's placeholder, mid-story
        ("Empfohlener externer Inhalt", DE),
        ("Le stockage ou l’accès technique est nécessaire dans la finalité d’intérêt légitime de stocker "
         "des préférences.", FR),
    ], [
        ("She pulled the cookies out of the oven and let them cool on a rack.", EN),
        ("Cookie Monster turns 50", EN),
        ("Die Bäckerei verkauft Cookies und Brownies nach amerikanischem Rezept.", DE),
        regression("We use brown butter, so the cookies stay chewy for days.", EN, (
            "cookie_notice fires on any line with 'cookie' plus a usage word such as 'we use' or "
            "'accept': a baking sentence is removed as cookie_banner")),
    ]),
    "copyright_notice": (rules.LEGAL, [
        ("© 2017 Time Inc. All rights reserved.", EN),
        ("Copyright 2020 The Associated Press. All rights reserved. This material may not be published, "
         "broadcast, rewritten or redistributed.", EN),
        ("© 2023 Der Spiegel. Alle Rechte vorbehalten.", DE),
        ("Le Monde 2021 - Tous droits réservés", FR),
        ("© El País. Todos los derechos reservados.", ES),
        ("Wszelkie prawa zastrzeżone. Gazeta Wyborcza", PL),
    ], [
        ("The band sued over copyright infringement after the song was sampled without permission.", EN),
        ("The rights to the film were sold to a studio in Los Angeles.", EN),
        ("Die Rechte an dem Film liegen beim Verlag.", DE),
        ("© Bild: WERK/CHRISTIAN HOUDEK", DE),  # a photo's credit (photo_credit's), not the page's notice
        ("©Foto: Pixabay/Aktim", DE),
        regression("Copyright law in the EU changed in 2019, when parliament passed a directive on "
                     "digital markets.", EN, (
                         "copyright_notice fires on every line that starts with the word 'Copyright' "
                         "(_COPYRIGHT_START), even a body sentence about copyright law")),
    ]),
    "long_legal_notice": (rules.LEGAL, [
        ("This copy is for your personal, non-commercial use only. Distribution and use of this material are "
         "governed by our Subscriber Agreement and by copyright law. For non-personal use or to order multiple "
         "copies, please contact our reprints desk.", EN),
        ("HockeyLeague.com is the official web site of the Hockey League. The league's name, its shield, the "
         "word mark and image of the cup, the conference logos and the winter game's name are registered "
         "trademarks of the league, and all logos and marks depicted herein may not be reproduced without "
         "consent. © Hockey League 2012. All Rights Reserved.", EN),
        ("Alle Inhalte dieser Website, insbesondere Texte, Fotografien und Grafiken, sind urheberrechtlich "
         "geschützt. Das Urheberrecht liegt, soweit nicht ausdrücklich anders gekennzeichnet, beim Verlag. "
         "Bitte fragen Sie uns, falls Sie die Inhalte dieses Angebotes verwenden möchten. © 2012 Verlag. "
         "Alle Rechte vorbehalten.", DE),
    ], [
        ("The studio said all rights reserved for the sequel would stay with the author, who has refused "
         "every offer to sell them since the first film came out in cinemas twenty years ago.", EN),
        ("The band sued over copyright infringement after the song was sampled without permission, and the "
         "court ruled that the label had to pay damages to the three musicians who wrote it.", EN),
    ]),
    "affiliate_disclaimer": (rules.LEGAL, [
        ("We may earn a commission when you buy through links on our site.", EN),
        ("This post contains affiliate links.", EN),
        ("Dieser Artikel enthält Provisionslinks.", DE),
        ("Cet article contient des liens affiliés.", FR),
    ], [
        ("The company is an affiliate of the state broadcaster.", EN),
        ("Readers can buy the book through any local shop.", EN),
        regression("The bill contains a provision that bans the sale of weapons to minors.", EN, (
                         "affiliate_disclaimer matches the bare word 'provision' (meant for German "
                         "'Provision'/'Provisionslinks'), so an English sentence about a law's "
                         "provision is removed as legal")),
    ]),
    "liability_notice": (rules.LEGAL, [
        ("The BBC is not responsible for the content of external sites. Read more.", EN),
        ("Wir übernehmen keine Haftung für die Inhalte externer Links.", DE),
    ], [
        ("The minister said she is not responsible for the delays.", EN),
        ("Who is responsible for the content of a school curriculum?", EN),
    ]),
    "push_prompt": (rules.PROMO, [
        ("POPSUGAR Would Like To Send You Push Notifications.", EN),
        ("Benachrichtigung aktivieren Dürfen wir Sie in Ihrem Browser über die wichtigsten Nachrichten informieren?", DE),
    ], [
        ("PWAs can be operated in the background, providing push notifications, and even be installed.", EN),
        ("The core features of every app include a user interface, backend services and push notifications.", EN),
    ]),
    "ad_label": (rules.PROMO, [
        ("Advertisement", EN),
        ("- Advertisement -", EN),
        ("Anzeige", DE),
        ("Publicité", FR),
        ("Publicidad", ES),
        ("Reklama", PL),
    ], [
        ("Advertisement spending fell", EN),
        ("Anzeige gegen Unbekannt erstattet", DE),
        ("La publicité en ligne recule", FR),
    ]),
    "promo_line": (rules.PROMO, [
        ("Subscribe now", EN),
        ("Upcoming Events", EN),
        ("Follow TIME", EN),
        ("Share this article", EN),
        ("Jetzt abonnieren", DE),
        ("Lire la suite", FR),
        ("Suscríbete", ES),
        ("Udostępnij", PL),
    ], [
        ("Market share: 12%", EN),
        ("Shares of Apple rose 3 percent on Monday.", EN),
        ("The paper said advertisements for the rally appeared weeks ago.", EN),
        ("Le partage des eaux du Nil", FR),
        regression("Anzeige gegen Unbekannt erstattet", DE, (
            "promo_line matches German 'Anzeige' anywhere in a short line; in news it also means a "
            "criminal complaint ('Anzeige gegen Unbekannt'), so such a sub-heading is removed as promo")),
    ]),
    "read_also_link": (rules.TEASER, [
        ("Previous post: Six ways to spend a rainy Sunday", EN),
        ("Next post: Notes from the harbour festival", EN),
        ("Read more: Syria's war explained in five charts", EN),
        ("See also: How the talks in Geneva broke down", EN),
        ("Lesen Sie auch: Die Lage in Homs nach den Anschlägen", DE),
        ("Lire aussi : Les négociations de Genève dans l'impasse", FR),
        ("Lee también: Siria, seis años de guerra", ES),
        ("Czytaj także: Rozmowy pokojowe w Genewie", PL),
    ], [
        ("Read more about the talks in our explainer.", EN),
        ("The next story: how the harbour was rebuilt after the storm.", EN),
        ("Related stories emerged from Damascus on Sunday", EN),
        ("Lesen Sie die Erklärung der Regierung im Wortlaut.", DE),
    ]),
    "related_heading": (rules.TEASER, [
        ("Also on HuffPost:", EN),
        ("Related on The Daily Post:", EN),
        ("More Technology News", EN),
        ("More engineering articles", EN),
        ("Related articles", EN),
        ("You may also like", EN),
        ("More from World", EN),
        ("Comments (12)", EN),
        ("Comments»", EN),  # the link to the thread, over it
        ("Reader Comments (4)", EN),
        ("Readers' Comments", EN),
        ("User comments", EN),
        ("Ähnliche Beiträge", DE),
        ("Weitere aktuelle Themen aus der Arbeitswelt", DE),
        ("Das könnte Sie auch interessieren", DE),
        ("Sur le même sujet", FR),
        ("Noticias relacionadas", ES),
        ("Otras noticias", ES),
        ("Weitere Pressemitteilungen dieses Verbands", DE),
        ("Powiązane artykuły", PL),
        ("3 komentarze", PL),
        ("Recent Comments", EN),
        ("Newer Post Older Post Home", EN),
        ("« Older Entries", EN),
    ], [
        ("More than 30 people died in the attacks", EN),
        ("Related to the king", EN),
        ("Comments from the minister", EN),
        ("Trending on TikTok, the dance reached Homs", EN),
        ("Weitere Opfer in Homs befürchtet", DE),
        ("Weitere Themen der Woche sind Energie und Klima.", DE),
        ("Older posts are in the archive.", EN),
        ("Empfohlener redaktioneller Inhalt", DE),  # an embed's placeholder (cookie_notice), not the end
        ("Recent comments by the minister", EN),
    ]),
    "comments_heading": (rules.TEASER, [
        ("4 thoughts on “10 Things I Wish I Knew Before Learning Embedded Systems”", EN),
        ("{ 38 comments… read them below or add one }", EN),
        ("11 responses to “The Loneliest Woman in the World”", EN),
        ("3 Kommentare zu „Was tun?“", DE),
        ("2 commentaires sur « Les retraites »", FR),
        ("5 comentarios en “La reforma”", ES),
        ("12 komentarzy", PL),
        ("No comments:", EN),
        ("{ 131 comments }", EN),
    ], [
        ("Two thoughts on a summer evening led her to quit.", EN),
        ("3 responses were received by the council, which met on Monday.", EN),
        ("Drei Kommentare der Leser zeigen, wie groß der Ärger ist.", DE),
        ("No comment.", EN),
    ]),
    "comment_form": (rules.PROMO, [
        ("You can follow any responses to this entry through the RSS 2.0 feed. You can leave a response, or "
         "trackback from your own site.", EN),
        ("You may use these HTML tags and attributes: <a href=\"\" title=\"\"> <abbr title=\"\"> <b> <blockquote "
         "cite=\"\"> <cite> <code> <em> <i> <q cite=\"\"> <strike> <strong>", EN),
        ("Your email address will not be published. Required fields are marked *", EN),
        ("Notify me of follow-up comments by email.", EN),
        ("Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.", DE),
        ("Votre adresse e-mail ne sera pas publiée.", FR),
        ("Tu dirección de correo electrónico no será publicada.", ES),
        ("Twój adres e-mail nie zostanie opublikowany.", PL),
        ("Leave a Reply Cancel reply", EN),
        ("Schreibe einen Kommentar Antworten abbrechen", DE),
        ("Veröffentlicht unter Allgemein | Hinterlasse einen Kommentar", DE),
        ("Laisser un commentaire Annuler la réponse", FR),
        ("Deja una respuesta Cancelar la respuesta", ES),
        ("Dodaj komentarz Anuluj pisanie odpowiedzi", PL),
        ("Post a Comment", EN),
        ("Notify me of followup comments via e-mail. You can also subscribe without commenting.", EN),
        ("Mail (will not be published) (required)", EN),
        ("Bitte registrieren Sie sich und halten Sie sich an unsere Netiquette.", DE),
        ("Prosimy o zaznaczenie checkboxa przed dodaniem komentarza.", PL),
        ("NOW Grenada is not responsible for the opinions, statements or media content presented by contributors.", EN),
    ], [
        ("The report will not be made public until next year.", EN),
        ("Die Krise wird Spuren hinterlassen, sagte sie.", DE),
        ("Sie wollte die Antwort abwarten, bevor sie den Kommentar schrieb.", DE),
        ("Readers may send comments to the editor by email.", EN),
        ("Please post a comment below if you liked the recipe.", EN),
        ("Add a comment |", EN),  # a Q&A page's link under each answer, not the end of an article
        regression("The names of the victims will not be published until their families are told.", EN, (
                         "comment_form matches 'will not be published' anywhere in a line of up to 40 "
                         "words, so a news sentence saying so is removed as promo")),
        regression("Der Bericht wurde bislang nicht veröffentlicht, sagte ein Sprecher des Ministeriums.", DE, (
                         "comment_form matches German 'nicht veröffentlicht' anywhere, a phrase common "
                         "in news prose ('the report has not been published'), so the sentence is removed")),
    ]),
    "signup_call": (rules.PROMO, [
        ("Sign up to get the best content of the week, and great gaming deals, as picked by the editors.", EN),
        ("Subscribe now to keep reading and get access to the full archive.", EN),
        ("Abonniere den Amnesty-Newsletter und mach dich für die Menschenrechte stark!", DE),
        ("Inscrivez-vous pour recevoir nos meilleurs articles chaque semaine.", FR),
        ("Suscríbete y recibe las noticias más importantes del día.", ES),
        ("Zapisz się, aby otrzymywać najnowsze wiadomości.", PL),
    ], [
        ("Subscribers to the paper said they would not renew.", EN),
        ("She signed up for the army in 1942.", EN),
        ("Die Abonnenten der Zeitung protestierten gegen die Preiserhöhung.", DE),
    ]),
    "newsletter_pitch": (rules.PROMO, [
        ("Get the best of our journalism in your inbox: sign up for the Daily Newsletter", EN),
        ("Der Newsletter für alle, die mehr wissen wollen", DE),
    ], [
        ("She wrote a news letter to the editor.", EN),
        ("The letters were published in the Sunday edition.", EN),
        regression("In a newsletter to supporters on Tuesday, the senator said she would not run again.", EN, (
                         "newsletter_pitch fires on any line of up to 30 words containing 'newsletter', "
                         "so a reported fact about a newsletter is removed as promo")),
    ]),
    "social_buttons": (rules.PROMO, [
        ("Facebook Twitter LinkedIn", EN),
        ("Share on Facebook", EN),
        ("Teilen: WhatsApp E-Mail", DE),
        ("Share this article", EN),
    ], [
        ("Facebook and Twitter removed the accounts on Monday.", EN),
        ("Instagram influencers in Homs", EN),
        ("Facebook shares fell", EN),
    ]),
    "tag_list": (rules.NAVIGATION, [
        ("Tags: Syria, Homs, Geneva talks", EN),
        ("Filed under: World", EN),
        ("Schlagwörter: Politik, Syrien", DE),
        ("Mots-clés : Syrie, Genève", FR),
        ("Etiquetas: Siria, Ginebra", ES),
        ("Tagi: Syria, Homs", PL),
        ("Labels: American heroes, documentary, fascism", EN),
        ("This entry was posted in Nikon Lenses and tagged Nikkor. Bookmark the permalink.", EN),
        ("Dieser Beitrag wurde veröffentlicht in Reiki, Schamanismus und gekennzeichnet mit Reiki.", DE),
    ], [
        ("Tags are sold at the counter.", EN),
        ("Topics discussed included trade and security.", EN),
        ("Categories of risk: high, medium and low.", EN),
        ("Themen der Woche", DE),
        ("Labels are printed on recycled paper.", EN),
        ("This entry was the best one we received.", EN),
    ]),
    "photo_credit": (rules.CAPTION, [
        ("A man walks past a destroyed building in Homs, Syria. Hassan Ammar—AP", EN),
        ("Photo: Reuters", EN),
        ("Syrian soldiers stand guard in Homs on Feb. 25, 2017. (AP Photo/Hassan Ammar)", EN),
        ("(Foto: dpa)", DE),
        ("Beitragsbild: Titelseite der Zeitung vom 2.4.2019", DE),
        ("Zdjęcie: PAP", PL),
        ("© Bild: WERK/CHRISTIAN HOUDEK", DE),
        ("©Foto: epd-Bild/Jens Schulze", DE),
        ("Das Hermelin ist im Winter gut getarnt. (mlharing / iStock.com)", DE),
        ("Erdölpumpen im Abendrot. Bild: TebNad/Shutterstock.com", DE),
        ("Praca w magazynie, zdjęcie ilustracyjne / Źródło: Pixabay", PL),
        ("La ministra habló ante la prensa. (Fuente: Télam)", ES),
    ], [
        ("The photo, taken in 2015, shows the minister at a rally in Homs.", EN),
        ("Photographers were barred from the scene, officials said.", EN),
        ("Reuters reported that the attack killed 32 people.", EN),
        ("The figures come from one source: the ministry.", EN),
        ("Die Zahlen stammen aus einer Quelle: dem Ministerium.", DE),
    ]),
    "wire_slug": (rules.CAPTION, [
        ("PHILIPPINES-POLITICS-CRIME-DRUGS", EN),
        ("SYRIA-CRISIS-HOMS", EN),
    ], [
        ("COVID-19", EN),
        ("NATO-RUSSIA", EN),
        ("Syria-Crisis-Homs", EN),
    ]),
    "glued_link_run": (rules.NAVIGATION, [
        ("Customer ServiceSite MapPrivacy PolicyAd ChoicesTerms of UseYour California Privacy RightsCareers",
         EN),
        ("About usContact usPrivacy PolicyTerms", EN),
        ("Über unsImpressum DatenschutzKontakt", DE),
    ], [
        ("GetYourGuide", EN),
        ("Book tours with GetYourGuide and TripAdvisor before you travel", EN),
        ("iPhone and MacBook sales", EN),
    ]),
    "breadcrumb": (rules.NAVIGATION, [
        ("Home > News > World", EN),
        ("Politik | Ausland | Nahost", DE),
        ("Startseite › Politik › Ausland", DE),
    ], [
        ("| a | b | c |", EN),
        ("Home > News", EN),
        ("Revenue rose 5% / 3% / 2% in the three quarters.", EN),
    ]),
    "glued_section_label": (rules.TEASER, [
        ("justiceThe FBI Talked to the White House About the Russia Probe", EN),
        ("PoliticsTrump Signs Executive Order on Immigration", EN),
        ("PolitikMerkel trifft Macron in Paris", DE),
    ], [
        ("iPhone sales fell sharply in the third quarter", EN),
        ("McDonald's opens 100 new restaurants in China", EN),
        ("YouTube Removes Thousands of Videos", EN),
        ("justiceThe FBI talked to the White House.", EN),  # a sentence, not a headline
        regression("LinkedIn Cuts 700 Jobs Amid Slowdown", EN, (
            "glued_section_label reads the brand 'LinkedIn' (six-letter capitalised word followed by "
            "'In') as a glued section label, so a headline starting with it is removed as teaser")),
    ]),
    "timestamp": (rules.METADATA, [
        ("1:44 PM UTC", EN),
        ("Updated 10:30", EN),
        ("14.30 Uhr", DE),
        ("Mis à jour : 18:05", FR),
    ], [
        ("John 3:16", EN),
        ("Kickoff at 20:45 in Munich", EN),
        ("2:1", EN),
    ]),
    "dateline": (rules.METADATA, [
        ("A Section on 02/26/2017", EN),
        ("date 2017-02-25 time 13:44", EN),
        ("Feb. 25, 2017", EN),
        ("Published: March 3, 2015 at 10:45 a.m. EST", EN),
        ("Veröffentlicht am 25. Februar 2017, 13:44 Uhr", DE),
        ("Publié le 25 février 2017 à 13h44", FR),
        ("Actualizado el 25 de febrero de 2017", ES),
        ("Opublikowano 25 lutego 2017", PL),
        ("Posted: March 3, 2015 10:45", EN),
        ("Joined: 13. Aug 2016, 04:41", EN),  # a forum user's account
    ], [
        ("The talks began on March 3, 2015 and collapsed within a week, officials said.", EN),
        ("Termin: 29.02.2020, 19 Uhr", DE),  # an event's date under its own label: content
        ("Deadline: March 15, 2007", EN),
        ("July 2012", EN),
        ("Between 2011 and 2015", EN),
        ("Die Gespräche begannen am 3. März 2015 und scheiterten nach einer Woche.", DE),
        regression("The museum closed on July 1, 2012.", EN, SHORT_DATED_SENTENCE),
        regression("Die Gespräche begannen am 3. März 2015.", DE, SHORT_DATED_SENTENCE),
    ]),
    "byline": (rules.METADATA, [
        ("By Jane Doe and John Roe", EN),
        ("By SARAH EL DEEB, Associated Press", EN),
        ("Von Max Mustermann", DE),
        ("Par Jean Dupont", FR),
        ("Por María García", ES),
        ("Autor: Jan Kowalski", PL),
    ], [
        ("By the numbers", EN),
        ("By 2030, the city plans to double its bus fleet.", EN),
        ("By Monday, troops had retaken the district.", EN),
        ("Par ailleurs, le ministre a démissionné.", FR),
        regression("Von Berlin nach Paris in vier Stunden", DE, (
            "byline only asks for 'Von' + a capital letter, and German nouns are capitalised: a "
            "sub-heading 'Von Berlin nach Paris …' is taken for an author line (metadata)")),
    ]),
}
