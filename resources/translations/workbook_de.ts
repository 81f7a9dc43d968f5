<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name></name>
    <message>
        <source>Networks</source>
        <translation>Netzwerke</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>No contacts yet.</source>
        <translation>Noch keine Kontakte.</translation>
    </message>
    <message>
        <source>Partnerships</source>
        <translation>Partnerschaften</translation>
    </message>
    <message>
        <source>Not part of a partnership yet.</source>
        <translation>Noch an keiner Partnerschaft beteiligt.</translation>
    </message>
    <message>
        <source>Partners and roles</source>
        <translation>Partner und Rollen</translation>
    </message>
    <message>
        <source>No partners yet.</source>
        <translation>Noch keine Partner.</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>Vereinbarungen</translation>
    </message>
    <message>
        <source>drafted</source>
        <translation>entworfen</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>unterzeichnet</translation>
    </message>
    <message>
        <source>amended</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>renewed</source>
        <translation>verlängert</translation>
    </message>
    <message>
        <source>ends</source>
        <translation>endet</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>Version {n}</source>
        <translation>Fassung {n}</translation>
    </message>
    <message>
        <source>Versions of the agreement</source>
        <translation>Fassungen der Vereinbarung</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>No progress recorded yet.</source>
        <translation>Noch kein Fortschritt erfasst.</translation>
    </message>
    <message>
        <source>By consensus</source>
        <translation>Im Konsens</translation>
    </message>
    <message>
        <source>For {f}, against {a}, abstentions {x}</source>
        <translation>Dafür {f}, dagegen {a}, Enthaltungen {x}</translation>
    </message>
    <message>
        <source>Vote</source>
        <translation>Abstimmung</translation>
    </message>
    <message>
        <source>Linked to</source>
        <translation>Verknüpft mit</translation>
    </message>
    <message>
        <source>Superseded by</source>
        <translation>Ersetzt durch</translation>
    </message>
    <message>
        <source>Supersedes (newest first)</source>
        <translation>Ersetzt (neueste zuerst)</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>Beteiligte</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>No steps yet.</source>
        <translation>Noch keine Schritte.</translation>
    </message>
    <message>
        <source>Settled by</source>
        <translation>Beigelegt durch</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>Teilnehmende</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Beschlüsse</translation>
    </message>
    <message>
        <source>added</source>
        <translation>angelegt</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>restored from the trash</source>
        <translation>aus dem Papierkorb wiederhergestellt</translation>
    </message>
    <message>
        <source>personal data erased</source>
        <translation>personenbezogene Daten gelöscht</translation>
    </message>
    <message>
        <source>Change history</source>
        <translation>Änderungsverlauf</translation>
    </message>
    <message>
        <source>Record progress</source>
        <translation>Fortschritt erfassen</translation>
    </message>
    <message>
        <source>Measured on</source>
        <translation>Gemessen am</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Add step</source>
        <translation>Schritt hinzufügen</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Was geschah</translation>
    </message>
    <message>
        <source>There is no {entity} with the id {ident}.</source>
        <translation>Es gibt keinen Datensatz „{entity}“ mit der ID {ident}.</translation>
    </message>
    <message>
        <source>{ident} matches more than one {entity}; give more characters.</source>
        <translation>{ident} passt auf mehrere Datensätze „{entity}“; bitte mehr Zeichen angeben.</translation>
    </message>
    <message>
        <source>The database {location} was made by a newer version of Alliance Workbook (schema {revision}). Update the application to open it; nothing was changed.</source>
        <translation>Die Datenbank {location} stammt aus einer neueren Version von Alliance Workbook (Schema {revision}). Aktualisieren Sie die Anwendung, um sie zu öffnen; es wurde nichts verändert.</translation>
    </message>
    <message>
        <source>{location} is not an Alliance Workbook database; nothing was changed.</source>
        <translation>{location} ist keine Alliance-Workbook-Datenbank; es wurde nichts verändert.</translation>
    </message>
    <message>
        <source>Cannot open the database {location}: {reason}</source>
        <translation>Die Datenbank {location} lässt sich nicht öffnen: {reason}</translation>
    </message>
    <message>
        <source>The connection to {location} is lost ({reason}). What you typed is kept; try again when the server is back.</source>
        <translation>Die Verbindung zu {location} ist unterbrochen ({reason}). Ihre Eingaben bleiben erhalten; versuchen Sie es erneut, sobald der Server wieder erreichbar ist.</translation>
    </message>
    <message>
        <source>{location} is busy: another session holds these records ({reason}). Nothing was changed; try again in a moment.</source>
        <translation>{location} ist belegt: Eine andere Sitzung hält diese Einträge fest ({reason}). Es wurde nichts verändert; versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Your account {member} holds no level in {location}: an admin member gives you one (File &gt; Members, or workbook server set-level). Nothing was opened.</source>
        <translation>Ihr Konto {member} hat in {location} keine Stufe: Ein Mitglied mit Stufe Admin kann Ihnen eine geben (Datei &gt; Mitglieder, oder workbook server set-level). Es wurde nichts geöffnet.</translation>
    </message>
    <message>
        <source>{location} holds no workbook yet, and reading it makes none; set it up first (workbook server init, or open it once to write).</source>
        <translation>{location} enthält noch kein Workbook, und Lesen legt keines an; richten Sie es zuerst ein (workbook server init, oder einmal zum Schreiben öffnen).</translation>
    </message>
    <message>
        <source>{location} is open in Alliance Workbook by {member} on {host} since {since} (process {pid}). It can be opened read-only until they close it.</source>
        <translation>{location} ist in Alliance Workbook geöffnet von {member} auf {host} seit {since} (Prozess {pid}). Bis sie dort geschlossen wird, kann sie schreibgeschützt geöffnet werden.</translation>
    </message>
    <message>
        <source>{location} is open read-only; nothing can be changed.</source>
        <translation>{location} ist schreibgeschützt geöffnet; es kann nichts geändert werden.</translation>
    </message>
    <message>
        <source>{location} was made by an older version and must be upgraded first, which cannot be done read-only.</source>
        <translation>{location} stammt aus einer älteren Version und muss zuerst aktualisiert werden; schreibgeschützt ist das nicht möglich.</translation>
    </message>
    <message>
        <source>The backup of {location} failed: {reason}</source>
        <translation>Die Sicherung von {location} ist fehlgeschlagen: {reason}</translation>
    </message>
    <message>
        <source>The backup {name} is damaged ({reason}); nothing was restored.</source>
        <translation>Die Sicherung {name} ist beschädigt ({reason}); es wurde nichts wiederhergestellt.</translation>
    </message>
    <message>
        <source>{location} is a shared server database: back it up with the server&apos;s own tools, e.g. pg_dump -Fc -f workbook.dump DATABASE, and restore with pg_restore.</source>
        <translation>{location} ist eine gemeinsame Server-Datenbank: Sichern Sie sie mit den Werkzeugen des Servers, z. B. pg_dump -Fc -f workbook.dump DATENBANK, und stellen Sie sie mit pg_restore wieder her.</translation>
    </message>
    <message>
        <source>{caption} cannot be restored: {reason}</source>
        <translation>{caption} kann nicht wiederhergestellt werden: {reason}</translation>
    </message>
    <message>
        <source>This person&apos;s data was already erased on {on}.</source>
        <translation>Die Daten dieser Person wurden bereits am {on} gelöscht.</translation>
    </message>
    <message>
        <source>This person&apos;s data was erased on {on}; an erased contact cannot be changed.</source>
        <translation>Die Daten dieser Person wurden am {on} gelöscht; ein gelöschter Kontakt kann nicht mehr geändert werden.</translation>
    </message>
    <message>
        <source>A write-ahead log beside {location} did not belong to it; it was set aside without being applied, as {kept}. The database itself was not changed.</source>
        <translation>Neben {location} lag ein Transaktionsprotokoll (Write-Ahead-Log), das nicht zu dieser Datei gehört. Es wurde nicht angewandt, sondern beiseitegelegt unter {kept}. Die Datenbank selbst wurde nicht verändert.</translation>
    </message>
    <message>
        <source>{location} is a folder, not a database file; nothing was changed.</source>
        <translation>{location} ist ein Ordner, keine Datenbankdatei; es wurde nichts verändert.</translation>
    </message>
    <message>
        <source>There is not enough free space on the disk of {folder}: {free} free, about {needed} needed. Free some space and try again; nothing was changed.</source>
        <translation>Auf dem Laufwerk von {folder} ist nicht genug Platz frei: {free} frei, etwa {needed} nötig. Geben Sie Platz frei und versuchen Sie es erneut; es wurde nichts verändert.</translation>
    </message>
    <message>
        <source>Cancelled; nothing was changed.</source>
        <translation>Abgebrochen; es wurde nichts verändert.</translation>
    </message>
    <message>
        <source>Nothing was imported: {reason}</source>
        <translation>Nichts wurde importiert: {reason}</translation>
    </message>
    <message>
        <source>must not be before “{other}”</source>
        <translation>darf nicht vor „{other}“ liegen</translation>
    </message>
    <message>
        <source>must not be before the decision it supersedes ({number})</source>
        <translation>darf nicht vor dem Beschluss liegen, den er ersetzt ({number})</translation>
    </message>
    <message>
        <source>expected an existing record</source>
        <translation>erwartet wird ein vorhandener Eintrag</translation>
    </message>
    <message>
        <source>expected existing records</source>
        <translation>erwartet werden vorhandene Einträge</translation>
    </message>
    <message>
        <source>expected a list of entries</source>
        <translation>erwartet wird eine Liste von Einträgen</translation>
    </message>
    <message>
        <source>is not a value this field takes</source>
        <translation>ist kein Wert, den dieses Feld aufnimmt</translation>
    </message>
    <message>
        <source>there is no such {ref}</source>
        <translation>diesen Eintrag ({ref}) gibt es nicht</translation>
    </message>
    <message>
        <source>{path} is not a usable Alliance Workbook archive: {reason}</source>
        <translation>{path} ist kein verwendbares Alliance-Workbook-Archiv: {reason}</translation>
    </message>
    <message>
        <source>The change file {file} was not applied: {why}.</source>
        <translation>Die Änderungsdatei {file} wurde nicht übernommen: {why}.</translation>
    </message>
    <message>
        <source>The sync folder {folder} cannot be used: {why}.</source>
        <translation>Der Abgleichsordner {folder} kann nicht verwendet werden: {why}.</translation>
    </message>
    <message>
        <source>This database does not sync through a folder yet: start a shared folder from it or join one (File &gt; Sync with members).</source>
        <translation>Diese Datenbank wird noch nicht über einen Ordner abgeglichen: Legen Sie mit ihr einen gemeinsamen Ordner an oder treten Sie einem bei (Datei &gt; Mit Mitgliedern abgleichen).</translation>
    </message>
    <message>
        <source>A database on a server keeps its members in step itself; only a database file syncs through a folder.</source>
        <translation>Eine Datenbank auf einem Server hält ihre Mitglieder selbst auf dem gleichen Stand; nur eine Datenbankdatei wird über einen Ordner abgeglichen.</translation>
    </message>
    <message>
        <source>Could not write to the sync folder {folder}: {reason}. Nothing is lost: this laptop&apos;s changes are kept and go out with the next sync.</source>
        <translation>In den Abgleichsordner {folder} konnte nicht geschrieben werden: {reason}. Nichts geht verloren: Die Änderungen dieses Rechners bleiben erhalten und gehen beim nächsten Abgleich hinaus.</translation>
    </message>
    <message>
        <source>The agreement is for one partnership: choose which one.</source>
        <translation>Die Vereinbarung gilt für eine Partnerschaft: Wählen Sie, für welche.</translation>
    </message>
    <message>
        <source>This report prints one record: choose which one.</source>
        <translation>Dieser Bericht druckt einen Datensatz: Wählen Sie ihn aus.</translation>
    </message>
    <message>
        <source>{path} already exists; choose a new file name for the database.</source>
        <translation>{path} gibt es schon; wählen Sie einen neuen Dateinamen für die Datenbank.</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>ist erforderlich</translation>
    </message>
    <message>
        <source>is required for an active partnership</source>
        <translation>ist für eine aktive Partnerschaft erforderlich</translation>
    </message>
    <message>
        <source>is not an e-mail address</source>
        <translation>ist keine E-Mail-Adresse</translation>
    </message>
    <message>
        <source>is not a web address (http:// or https://)</source>
        <translation>ist keine Internetadresse (http:// oder https://)</translation>
    </message>
    <message>
        <source>is not a phone number</source>
        <translation>ist keine Telefonnummer</translation>
    </message>
    <message>
        <source>is longer than {n} characters</source>
        <translation>ist länger als {n} Zeichen</translation>
    </message>
    <message>
        <source>contains control characters</source>
        <translation>enthält Steuerzeichen</translation>
    </message>
    <message>
        <source>has more than {n} entries</source>
        <translation>hat mehr als {n} Einträge</translation>
    </message>
    <message>
        <source>must be at least {n}</source>
        <translation>muss mindestens {n} sein</translation>
    </message>
    <message>
        <source>must be at most {n}</source>
        <translation>darf höchstens {n} sein</translation>
    </message>
    <message>
        <source>must be one of {choices}</source>
        <translation>muss einer dieser Werte sein: {choices}</translation>
    </message>
    <message>
        <source>must not be in the future</source>
        <translation>darf nicht in der Zukunft liegen</translation>
    </message>
    <message>
        <source>must differ from the baseline</source>
        <translation>muss sich vom Ausgangswert unterscheiden</translation>
    </message>
    <message>
        <source>expected a date such as 24.11.2026</source>
        <translation>erwartet wird ein Datum wie 24.11.2026</translation>
    </message>
    <message>
        <source>expected a whole number</source>
        <translation>erwartet wird eine ganze Zahl</translation>
    </message>
    <message>
        <source>expected a number</source>
        <translation>erwartet wird eine Zahl</translation>
    </message>
    <message>
        <source>expected yes or no</source>
        <translation>erwartet wird ja oder nein</translation>
    </message>
    <message>
        <source>one entry cannot contain a comma</source>
        <translation>ein Eintrag darf kein Komma enthalten</translation>
    </message>
    <message>
        <source>a resolved conflict needs a resolution text</source>
        <translation>ein gelöster Konflikt braucht eine Beschreibung der Lösung</translation>
    </message>
    <message>
        <source>a resolved conflict needs the date it was resolved</source>
        <translation>ein gelöster Konflikt braucht das Datum der Lösung</translation>
    </message>
    <message>
        <source>a conflict in mediation needs a mediator</source>
        <translation>ein Konflikt in Mediation braucht eine Mediatorin oder einen Mediator</translation>
    </message>
    <message>
        <source>only a resolved or closed conflict has a resolution date</source>
        <translation>nur ein gelöster oder beendeter Konflikt hat ein Lösungsdatum</translation>
    </message>
    <message>
        <source>a decision by consensus has no vote counts</source>
        <translation>ein Beschluss im Konsens hat keine Stimmenzahlen</translation>
    </message>
    <message>
        <source>a decision cannot supersede itself</source>
        <translation>ein Beschluss kann sich nicht selbst ersetzen</translation>
    </message>
    <message>
        <source>superseding it would form a cycle</source>
        <translation>diese Ersetzung ergäbe einen Kreis</translation>
    </message>
    <message>
        <source>this organisation is already a partner</source>
        <translation>diese Organisation ist bereits Partner</translation>
    </message>
    <message>
        <source>an evaluation reviews a partnership or a goal</source>
        <translation>eine Auswertung bezieht sich auf eine Partnerschaft oder ein Ziel</translation>
    </message>
    <message>
        <source>is not a field of {kind}</source>
        <translation>ist kein Feld der Art {kind}</translation>
    </message>
    <message>
        <source>is not a field of this entry</source>
        <translation>ist kein Feld dieses Eintrags</translation>
    </message>
    <message>
        <source>cannot be set here</source>
        <translation>kann hier nicht gesetzt werden</translation>
    </message>
    <message>
        <source>is not the id of a record</source>
        <translation>ist keine Kennung eines Eintrags</translation>
    </message>
    <message>
        <source>cannot be filtered on</source>
        <translation>kann nicht zum Filtern dienen</translation>
    </message>
    <message>
        <source>cannot be sorted on</source>
        <translation>kann nicht zum Sortieren dienen</translation>
    </message>
    <message>
        <source>is a formula; type the value itself</source>
        <translation>ist eine Formel; tragen Sie den Wert selbst ein</translation>
    </message>
    <message>
        <source>shows the spreadsheet error {error}; type the value itself</source>
        <translation>zeigt den Tabellenfehler {error}; tragen Sie den Wert selbst ein</translation>
    </message>
    <message>
        <source>is not an ID written by the app</source>
        <translation>ist keine Kennung, die die App geschrieben hat</translation>
    </message>
    <message>
        <source>the same record appears twice in this sheet</source>
        <translation>derselbe Eintrag steht zweimal in diesem Blatt</translation>
    </message>
    <message>
        <source>there is no {ref} called “{text}”</source>
        <translation>„{text}“ gibt es hier nicht als {ref}</translation>
    </message>
    <message>
        <source>more than one {ref} is called “{text}”; rename one in the app</source>
        <translation>„{text}“ heißen mehrere Einträge ({ref}); benennen Sie einen davon in der App um</translation>
    </message>
    <message>
        <source>with the other rows of this file, decisions would supersede each other in a circle</source>
        <translation>zusammen mit den anderen Zeilen dieser Datei würden Beschlüsse einander im Kreis ersetzen</translation>
    </message>
    <message>
        <source>row {row}: {reason}</source>
        <translation>Zeile {row}: {reason}</translation>
    </message>
    <message>
        <source>row {row}, column “{column}”: {reason}</source>
        <translation>Zeile {row}, Spalte „{column}“: {reason}</translation>
    </message>
    <message>
        <source>sheet “{sheet}”, row {row} is {status} and cannot be applied</source>
        <translation>Blatt „{sheet}“, Zeile {row} ist {status} und kann nicht übernommen werden</translation>
    </message>
    <message>
        <source>column “{column}”: {reason}</source>
        <translation>Spalte „{column}“: {reason}</translation>
    </message>
    <message>
        <source>sheet “{sheet}”, row {row}: {reason}</source>
        <translation>Blatt „{sheet}“, Zeile {row}: {reason}</translation>
    </message>
    <message>
        <source>sheet “{sheet}”, rows {first}–{last}: {reason}</source>
        <translation>Blatt „{sheet}“, Zeilen {first}–{last}: {reason}</translation>
    </message>
    <message>
        <source>sheet “{sheet}”, {label}: {reason}</source>
        <translation>Blatt „{sheet}“, {label}: {reason}</translation>
    </message>
    <message>
        <source>records of kind {entity} cannot be taken in from a list</source>
        <translation>Einträge der Art {entity} können nicht aus einer Liste übernommen werden</translation>
    </message>
    <message>
        <source>{entity} has no field {fields}</source>
        <translation>{entity} hat kein Feld {fields}</translation>
    </message>
    <message>
        <source>choose a column for {fields}</source>
        <translation>wählen Sie eine Spalte für {fields}</translation>
    </message>
    <message>
        <source>{problems}. Nothing was taken in.</source>
        <translation>{problems}. Nichts wurde übernommen.</translation>
    </message>
    <message>
        <source>row {row}: {field}: {reason}. Nothing was taken in.</source>
        <translation>Zeile {row}: {field}: {reason}. Nichts wurde übernommen.</translation>
    </message>
    <message>
        <source>give the saved column choice a name</source>
        <translation>geben Sie der gespeicherten Spaltenzuordnung einen Namen</translation>
    </message>
    <message>
        <source>this record is no longer in the database (deleted since the export?); accept the row to add it again</source>
        <translation>dieser Eintrag ist nicht mehr in der Datenbank (seit dem Export gelöscht?); übernehmen Sie die Zeile, um ihn wieder anzulegen</translation>
    </message>
    <message>
        <source>{column}: the spreadsheet cut this text at {limit} characters (its cells hold no more); the whole text is kept as it is in the app: change it there</source>
        <translation>{column}: Die Tabelle hat diesen Text nach {limit} Zeichen abgeschnitten (mehr fasst eine Zelle nicht); der ganze Text bleibt, wie er in der App steht: ändern Sie ihn dort</translation>
    </message>
    <message>
        <source>changed in the database since the export; the file&apos;s older values are ignored</source>
        <translation>seit dem Export in der Datenbank geändert; die älteren Werte der Datei werden nicht übernommen</translation>
    </message>
    <message>
        <source>changed both in the file and in the database since the export</source>
        <translation>seit dem Export sowohl in der Datei als auch in der Datenbank geändert</translation>
    </message>
    <message>
        <source>deleted in the file by the partner: delete it here too?</source>
        <translation>in der Datei vom Partner gelöscht: auch hier löschen?</translation>
    </message>
    <message>
        <source>looks like row {row} of this sheet (same {field})</source>
        <translation>sieht aus wie Zeile {row} dieses Blatts („{field}“ ist gleich)</translation>
    </message>
    <message>
        <source>may duplicate the existing {entity} “{name}” (same {field})</source>
        <translation>könnte ein Doppel von „{name}“ ({entity}) sein („{field}“ ist gleich)</translation>
    </message>
    <message>
        <source>{column}: the spreadsheet kept {value} as a number; a leading 0 may be lost</source>
        <translation>{column}: Die Tabelle hat {value} als Zahl gespeichert; eine führende 0 ist vielleicht verloren</translation>
    </message>
    <message>
        <source>{column}: {reason}</source>
        <translation>{column}: {reason}</translation>
    </message>
    <message>
        <source>{said} (“{value}”)</source>
        <translation>{said} („{value}“)</translation>
    </message>
    <message>
        <source>the purpose</source>
        <translation>den Zweck</translation>
    </message>
    <message>
        <source>the role of {name}</source>
        <translation>die Rolle von {name}</translation>
    </message>
    <message>
        <source>the responsibilities of {name}</source>
        <translation>die Verantwortlichkeiten von {name}</translation>
    </message>
    <message>
        <source>section “{name}”</source>
        <translation>den Abschnitt „{name}“</translation>
    </message>
    <message>
        <source>the goal “{name}”</source>
        <translation>das Ziel „{name}“</translation>
    </message>
    <message>
        <source>the function of {name}</source>
        <translation>die Funktion von {name}</translation>
    </message>
    <message>
        <source>The agreement has no text in {language} yet for: {missing}. Add it in the form, or print it in the language it is written in.</source>
        <translation>Die Vereinbarung hat noch keinen Text auf {language} für: {missing}. Ergänzen Sie ihn im Formular, oder drucken Sie die Vereinbarung in der Sprache, in der sie geschrieben ist.</translation>
    </message>
    <message>
        <source> (entry {n})</source>
        <translation> (Eintrag {n})</translation>
    </message>
    <message>
        <source>{field}: {reason}.</source>
        <translation>{field}: {reason}.</translation>
    </message>
    <message>
        <source>This {entity} was changed by someone else since you opened it.</source>
        <translation>Dieser Datensatz ({entity}) wurde von jemand anderem geändert, seit Sie ihn geöffnet haben.</translation>
    </message>
    <message>
        <source>The database {location} is damaged ({detail}). Nothing was changed.</source>
        <translation>Die Datenbank {location} ist beschädigt ({detail}). Es wurde nichts verändert.</translation>
    </message>
    <message>
        <source>The latest good backup is {backup} from {when}: restore it with File &gt; Restore from backup, or: workbook backup restore {backup}</source>
        <translation>Die neueste intakte Sicherung ist {backup} vom {when}: Stellen Sie sie über Datei &gt; Aus Sicherung wiederherstellen wieder her, oder mit: workbook backup restore {backup}</translation>
    </message>
    <message>
        <source>There is no backup of it; keep the file for a specialist.</source>
        <translation>Es gibt keine Sicherung davon; bewahren Sie die Datei für eine Fachperson auf.</translation>
    </message>
    <message>
        <source>{file}: {reason}.</source>
        <translation>{file}: {reason}.</translation>
    </message>
    <message>
        <source>it is not Alliance Workbook&apos;s</source>
        <translation>sie stammt nicht von Alliance Workbook</translation>
    </message>
    <message>
        <source>a newer version of the app wrote it; update Alliance Workbook here</source>
        <translation>eine neuere Version des Programms hat sie geschrieben; aktualisieren Sie Alliance Workbook auf diesem Rechner</translation>
    </message>
    <message>
        <source>it is damaged</source>
        <translation>sie ist beschädigt</translation>
    </message>
    <message>
        <source>its signature does not match its member&apos;s key</source>
        <translation>ihre Signatur passt nicht zum Schlüssel ihres Mitglieds</translation>
    </message>
    <message>
        <source>its name is not the one its content gives</source>
        <translation>ihr Name passt nicht zu ihrem Inhalt</translation>
    </message>
    <message>
        <source>it belongs to another association</source>
        <translation>sie gehört zu einem anderen Verein</translation>
    </message>
    <message>
        <source>it is signed by a key the association did not admit</source>
        <translation>sie ist mit einem Schlüssel signiert, den der Verein nicht zugelassen hat</translation>
    </message>
    <message>
        <source>its member was removed from the association before writing it</source>
        <translation>ihr Mitglied wurde aus dem Verein entfernt, bevor es sie schrieb</translation>
    </message>
    <message>
        <source>it already holds an association&apos;s changes</source>
        <translation>er enthält bereits die Änderungen eines Vereins</translation>
    </message>
    <message>
        <source>this database already syncs through a folder</source>
        <translation>diese Datenbank wird bereits über einen Ordner abgeglichen</translation>
    </message>
    <message>
        <source>no association syncs through it yet</source>
        <translation>über ihn gleicht noch kein Verein ab</translation>
    </message>
    <message>
        <source>this database holds records of its own; join with a new database</source>
        <translation>diese Datenbank enthält bereits eigene Einträge; treten Sie mit einer neuen Datenbank bei</translation>
    </message>
    <message>
        <source>there is no request to join from that laptop</source>
        <translation>von diesem Rechner liegt keine Beitrittsanfrage vor</translation>
    </message>
    <message>
        <source>its older changes are in a snapshot that is not whole here yet; try again when the sync client has copied it</source>
        <translation>seine älteren Änderungen liegen in einem Abbild, das hier noch nicht vollständig ist; versuchen Sie es wieder, wenn der Sync-Dienst es kopiert hat</translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}</source>
        <translation>{path} kann nicht geschrieben werden: {reason}</translation>
    </message>
    <message>
        <source>Alliance Workbook</source>
        <extracomment>Errors said once while they last: a lost server fails every repaint, scroll and refresh.</extracomment>
        <translation>Alliance Workbook</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgegangen</translation>
    </message>
    <message>
        <source>Alliance Workbook ran into a problem and could not finish this action. Your saved data is safe.</source>
        <translation>Alliance Workbook ist auf ein Problem gestoßen und konnte diese Aktion nicht abschließen. Ihre gespeicherten Daten sind sicher.</translation>
    </message>
    <message>
        <source>Details were written to {path}</source>
        <translation>Einzelheiten stehen in {path}</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Partnership</source>
        <translation>Partnerschaft</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Auswertung</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Treffen</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Beschluss</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <source>Strength or network</source>
        <translation>Stärke oder Netzwerk</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>Beteiligte</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Vereinbarung</translation>
    </message>
    <message>
        <source>Signatory</source>
        <translation>Unterzeichnende</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>Organisationen</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>Evaluations</source>
        <translation>Auswertungen</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Treffen</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <source>organisations</source>
        <translation>Organisationen</translation>
    </message>
    <message>
        <source>contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>partnerships</source>
        <translation>Partnerschaften</translation>
    </message>
    <message>
        <source>goals</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>evaluations</source>
        <translation>Auswertungen</translation>
    </message>
    <message>
        <source>meetings</source>
        <translation>Treffen</translation>
    </message>
    <message>
        <source>decisions</source>
        <translation>Beschlüsse</translation>
    </message>
    <message>
        <source>conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <source>strengths and networks</source>
        <translation>Stärken und Netzwerke</translation>
    </message>
    <message>
        <source>partners of partnerships</source>
        <translation>Partner von Partnerschaften</translation>
    </message>
    <message>
        <source>terms of agreements</source>
        <translation>Vereinbarungen in Verträgen</translation>
    </message>
    <message>
        <source>versions of agreements</source>
        <translation>Fassungen von Vereinbarungen</translation>
    </message>
    <message>
        <source>signatories</source>
        <translation>Unterzeichnende</translation>
    </message>
    <message>
        <source>parties of conflicts</source>
        <translation>Konfliktparteien</translation>
    </message>
    <message>
        <source>steps of conflicts</source>
        <translation>Schritte in Konflikten</translation>
    </message>
    <message>
        <source>decisions settling conflicts</source>
        <translation>Beschlüsse, die Konflikte beilegen</translation>
    </message>
    <message>
        <source>attendances at meetings</source>
        <translation>Teilnahmen an Treffen</translation>
    </message>
    <message>
        <source>progress updates</source>
        <translation>Fortschrittsmeldungen</translation>
    </message>
    <message>
        <source>reminders marked done</source>
        <translation>als erledigt markierte Erinnerungen</translation>
    </message>
    <message>
        <source>Language of the agreement</source>
        <translation>Sprache der Vereinbarung</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Webseite</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Strengths</source>
        <translation>Stärken</translation>
    </message>
    <message>
        <source>Networks / regions</source>
        <translation>Netzwerke / Regionen</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Ansprechperson</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Preferred language</source>
        <translation>Bevorzugte Sprache</translation>
    </message>
    <message>
        <source>Consent given on</source>
        <translation>Einwilligung erteilt am</translation>
    </message>
    <message>
        <source>Consent purpose</source>
        <translation>Zweck der Einwilligung</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Zweck</translation>
    </message>
    <message>
        <source>Purpose, translated</source>
        <translation>Zweck, übersetzt</translation>
    </message>
    <message>
        <source>Role, translated</source>
        <translation>Rolle, übersetzt</translation>
    </message>
    <message>
        <source>Responsibilities, translated</source>
        <translation>Verantwortlichkeiten, übersetzt</translation>
    </message>
    <message>
        <source>Heading, translated</source>
        <translation>Überschrift, übersetzt</translation>
    </message>
    <message>
        <source>Text, translated</source>
        <translation>Text, übersetzt</translation>
    </message>
    <message>
        <source>Title, translated</source>
        <translation>Titel, übersetzt</translation>
    </message>
    <message>
        <source>Indicator, translated</source>
        <translation>Indikator, übersetzt</translation>
    </message>
    <message>
        <source>Unit, translated</source>
        <translation>Einheit, übersetzt</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>Signed on</source>
        <translation>Unterzeichnet am</translation>
    </message>
    <message>
        <source>Review cadence</source>
        <translation>Überprüfungsrhythmus</translation>
    </message>
    <message>
        <source>Terms of the agreement</source>
        <translation>Vereinbarungen</translation>
    </message>
    <message>
        <source>Signatories</source>
        <translation>Unterzeichnende</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Verantwortlich</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Indikator</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Ausgangswert</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Zielwert</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Progress measured</source>
        <translation>Fortschritt messen</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Overall rating</source>
        <translation>Gesamtbewertung</translation>
    </message>
    <message>
        <source>Cooperation rating</source>
        <translation>Bewertung der Zusammenarbeit</translation>
    </message>
    <message>
        <source>Successes</source>
        <translation>Erfolge</translation>
    </message>
    <message>
        <source>Lessons learned</source>
        <translation>Gelerntes</translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation>Nächste Schritte</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Tagesordnung</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Decided on</source>
        <translation>Beschlossen am</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Hintergrund</translation>
    </message>
    <message>
        <source>Rationale</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Beschlossen von</translation>
    </message>
    <message>
        <source>Votes for</source>
        <translation>Stimmen dafür</translation>
    </message>
    <message>
        <source>Votes against</source>
        <translation>Stimmen dagegen</translation>
    </message>
    <message>
        <source>Abstentions</source>
        <translation>Enthaltungen</translation>
    </message>
    <message>
        <source>Supersedes</source>
        <translation>Ersetzt</translation>
    </message>
    <message>
        <source>Review on</source>
        <translation>Überprüfen am</translation>
    </message>
    <message>
        <source>Raised on</source>
        <translation>Gemeldet am</translation>
    </message>
    <message>
        <source>Mediator</source>
        <translation>Mediation durch</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Lösung</translation>
    </message>
    <message>
        <source>Resolved on</source>
        <translation>Gelöst am</translation>
    </message>
    <message>
        <source>Parties (organisations)</source>
        <translation>Beteiligte (Organisationen)</translation>
    </message>
    <message>
        <source>Parties (people)</source>
        <translation>Beteiligte (Personen)</translation>
    </message>
    <message>
        <source>Settled by decisions</source>
        <translation>Beigelegt durch Beschlüsse</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>Zuletzt geändert</translation>
    </message>
    <message>
        <source>Responsibilities</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <source>Heading</source>
        <translation>Überschrift</translation>
    </message>
    <message>
        <source>NGO</source>
        <translation>Verein / NGO</translation>
    </message>
    <message>
        <source>School</source>
        <translation>Schule</translation>
    </message>
    <message>
        <source>Media</source>
        <translation>Medien</translation>
    </message>
    <message>
        <source>Public institution</source>
        <translation>Öffentliche Einrichtung</translation>
    </message>
    <message>
        <source>Foundation</source>
        <translation>Stiftung</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Prospective</source>
        <translation>In Anbahnung</translation>
    </message>
    <message>
        <source>Former</source>
        <translation>Ehemalig</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>Vorgeschlagen</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Monatlich</translation>
    </message>
    <message>
        <source>Quarterly</source>
        <translation>Vierteljährlich</translation>
    </message>
    <message>
        <source>Half-yearly</source>
        <translation>Halbjährlich</translation>
    </message>
    <message>
        <source>Yearly</source>
        <translation>Jährlich</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>Im Plan</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>Gefährdet</translation>
    </message>
    <message>
        <source>Achieved</source>
        <translation>Erreicht</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Verfehlt</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Aufgegeben</translation>
    </message>
    <message>
        <source>Adopted</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>Ersetzt</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>In dialogue</source>
        <translation>Im Gespräch</translation>
    </message>
    <message>
        <source>In mediation</source>
        <translation>In Mediation</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Gelöst</translation>
    </message>
    <message>
        <source>Closed without resolution</source>
        <translation>Ohne Lösung beendet</translation>
    </message>
    <message>
        <source>Adopting rows</source>
        <translation>Zeilen werden übernommen</translation>
    </message>
    <message>
        <source>Applying</source>
        <translation>Wird übernommen</translation>
    </message>
    <message>
        <source>Applying the members&apos; changes</source>
        <translation>Die Änderungen der Mitglieder werden übernommen</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation>Sicherung läuft</translation>
    </message>
    <message>
        <source>Checking every table</source>
        <translation>Alle Tabellen werden geprüft</translation>
    </message>
    <message>
        <source>Checking rows</source>
        <translation>Zeilen werden geprüft</translation>
    </message>
    <message>
        <source>Collecting the records</source>
        <translation>Einträge werden gesammelt</translation>
    </message>
    <message>
        <source>Copying the database</source>
        <translation>Die Datenbank wird kopiert</translation>
    </message>
    <message>
        <source>Laying out the pages</source>
        <translation>Die Seiten werden gesetzt</translation>
    </message>
    <message>
        <source>Packing the archive</source>
        <translation>Das Archiv wird gepackt</translation>
    </message>
    <message>
        <source>Reading the records</source>
        <translation>Einträge werden gelesen</translation>
    </message>
    <message>
        <source>Taking in the association&apos;s snapshot</source>
        <translation>Das Abbild des Vereins wird übernommen</translation>
    </message>
    <message>
        <source>Tidying the sync folder</source>
        <translation>Der gemeinsame Ordner wird aufgeräumt</translation>
    </message>
    <message>
        <source>Unpacking the database</source>
        <translation>Die Datenbank wird entpackt</translation>
    </message>
    <message>
        <source>Writing all records as JSON</source>
        <translation>Alle Einträge werden als JSON geschrieben</translation>
    </message>
    <message>
        <source>Writing the records</source>
        <translation>Einträge werden geschrieben</translation>
    </message>
    <message>
        <source>Writing the spreadsheet</source>
        <translation>Die Tabelle wird geschrieben</translation>
    </message>
    <message>
        <source>Writing the workbook</source>
        <translation>Die Arbeitsmappe wird geschrieben</translation>
    </message>
    <message>
        <source>Reading “{name}”</source>
        <translation>„{name}“ wird gelesen</translation>
    </message>
    <message>
        <source>Writing {name}</source>
        <translation>{name} werden geschrieben</translation>
    </message>
    <message>
        <source>Copying {name}</source>
        <translation>{name} werden kopiert</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Französisch</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>Polnisch</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>Türkisch</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>Ukrainisch</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Russisch</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>Griechisch</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Spanisch</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italienisch</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>Arabisch</translation>
    </message>
    <message>
        <source>Opening {location}…</source>
        <extracomment>how a step runs: its work, then what gets the database or the error</extracomment>
        <translation>{location} wird geöffnet…</translation>
    </message>
    <message>
        <source>Open it read-only?</source>
        <translation>Schreibgeschützt öffnen?</translation>
    </message>
    <message>
        <source>Restore that backup now?</source>
        <translation>Diese Sicherung jetzt wiederherstellen?</translation>
    </message>
    <message>
        <source>{location} cannot be written to (the file, its folder or its medium). It is open read-only: you can read, search, export and print.</source>
        <translation>{location} kann nicht beschrieben werden (die Datei, ihr Ordner oder ihr Datenträger). Sie ist schreibgeschützt geöffnet: Sie können lesen, suchen, exportieren und drucken.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Folder for the personal data export</source>
        <translation>Ordner für die Auskunft über personenbezogene Daten</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>Personenbezogene Daten</translation>
    </message>
    <message>
        <source>Written:
{json}
{pdf}</source>
        <translation>Geschrieben:
{json}
{pdf}</translation>
    </message>
    <message>
        <source>Collecting personal data</source>
        <translation>Personenbezogene Daten werden gesammelt</translation>
    </message>
    <message>
        <source>Looking for mentions of the person</source>
        <translation>Erwähnungen der Person werden gesucht</translation>
    </message>
    <message>
        <source>change history</source>
        <translation>Änderungsverlauf</translation>
    </message>
    <message>
        <source>trash</source>
        <translation>Papierkorb</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weitere</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>These %n place(s) mention {name} and will read [erased]:</source>
        <translation>
            <numerusform>Diese %n Stelle erwähnt {name} und lautet dann [erased]:</numerusform>
            <numerusform>Diese %n Stellen erwähnen {name} und lauten dann [erased]:</numerusform>
        </translation>
    </message>
    <message>
        <source>No other text mentions {name}.</source>
        <translation>Kein anderer Text erwähnt {name}.</translation>
    </message>
    <message>
        <source>Kept as signed (they show what the partners agreed): {agreements}</source>
        <translation>Bleiben erhalten, wie unterzeichnet (sie belegen, was die Partner vereinbart haben): {agreements}</translation>
    </message>
    <message>
        <source>Erase personal data</source>
        <translation>Personenbezogene Daten löschen</translation>
    </message>
    <message>
        <source>Erase everything about {name}? Their name, e-mail and phone are removed from the contact and from the texts below. Decisions and conflicts remain, without the name; other people&apos;s records are not touched. A backup is taken first. This is final: it cannot be restored from the trash, and it is applied again if an older backup or archive is opened.</source>
        <translation>Alles über {name} löschen? Name, E-Mail und Telefon werden aus dem Kontakt und aus den unten genannten Texten entfernt. Beschlüsse und Konflikte bleiben erhalten, ohne den Namen; die Einträge anderer Personen werden nicht angetastet. Vorher wird eine Sicherung angelegt. Das ist endgültig: Es lässt sich nicht aus dem Papierkorb wiederherstellen und wird erneut angewandt, wenn eine ältere Sicherung oder ein älteres Archiv geöffnet wird.</translation>
    </message>
    <message>
        <source>Signed agreement (PDF or image)</source>
        <translation>Unterschriebene Vereinbarung (PDF oder Bild)</translation>
    </message>
    <message>
        <source>Scans (*.pdf *.png *.jpg *.jpeg)</source>
        <translation>Scans (*.pdf *.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Connect to server</source>
        <translation>Mit Server verbinden</translation>
    </message>
    <message>
        <source>Password for {account}:</source>
        <translation>Passwort für {account}:</translation>
    </message>
    <message>
        <source>{database} on {host}</source>
        <translation>{database} auf {host}</translation>
    </message>
    <message>
        <source>The server {server} cannot be reached: {reason}</source>
        <translation>Der Server {server} ist nicht erreichbar: {reason}</translation>
    </message>
    <message>
        <source>You can try again, or work on a file on this computer in the meantime.</source>
        <translation>Sie können es erneut versuchen oder in der Zwischenzeit mit einer Datei auf diesem Computer arbeiten.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Open {name}</source>
        <translation>{name} öffnen</translation>
    </message>
    <message>
        <source>Open a file...</source>
        <translation>Datei öffnen …</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>Datenbank öffnen</translation>
    </message>
    <message>
        <source>Workbook databases (*.sqlite)</source>
        <translation>Workbook-Datenbanken (*.sqlite)</translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation>Die Datei gibt es nicht</translation>
    </message>
    <message>
        <source>the file cannot be read; check that it is not open in another program and that you may read it</source>
        <translation>Die Datei lässt sich nicht lesen; prüfen Sie, ob sie in einem anderen Programm geöffnet ist und ob Sie sie lesen dürfen</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>Die Datei ist leer</translation>
    </message>
    <message>
        <source>the file is larger than {mb} MB</source>
        <translation>Die Datei ist größer als {mb} MB</translation>
    </message>
    <message>
        <source>the file is password-protected or an old .xls workbook; save it as an unprotected .xlsx and try again</source>
        <translation>Die Datei ist kennwortgeschützt oder eine alte .xls-Arbeitsmappe; speichern Sie sie ohne Kennwort als .xlsx und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>this is not an Excel (.xlsx) workbook</source>
        <translation>Das ist keine Excel-Arbeitsmappe (.xlsx)</translation>
    </message>
    <message>
        <source>this is not an OpenDocument (.ods) spreadsheet</source>
        <translation>Das ist keine OpenDocument-Tabelle (.ods)</translation>
    </message>
    <message>
        <source>this zip file is not an Excel workbook (no {parts})</source>
        <translation>Diese ZIP-Datei ist keine Excel-Arbeitsmappe (es fehlt {parts})</translation>
    </message>
    <message>
        <source>this zip file is not an OpenDocument spreadsheet (no {parts})</source>
        <translation>Diese ZIP-Datei ist keine OpenDocument-Tabelle (es fehlt {parts})</translation>
    </message>
    <message>
        <source>the workbook is damaged (incomplete or not a valid zip)</source>
        <translation>Die Arbeitsmappe ist beschädigt (unvollständig oder keine gültige ZIP-Datei)</translation>
    </message>
    <message>
        <source>the workbook is too large</source>
        <translation>Die Arbeitsmappe ist zu groß</translation>
    </message>
    <message>
        <source>the workbook has too many parts ({count})</source>
        <translation>Die Arbeitsmappe hat zu viele Bestandteile ({count})</translation>
    </message>
    <message>
        <source>the workbook contains macros; save it as .xlsx without macros and try again</source>
        <translation>Die Arbeitsmappe enthält Makros; speichern Sie sie ohne Makros als .xlsx und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>the workbook is password-protected</source>
        <translation>Die Arbeitsmappe ist kennwortgeschützt</translation>
    </message>
    <message>
        <source>the workbook is encrypted</source>
        <translation>Die Arbeitsmappe ist verschlüsselt</translation>
    </message>
    <message>
        <source>part {part} is too large when unpacked</source>
        <translation>Der Bestandteil {part} ist entpackt zu groß</translation>
    </message>
    <message>
        <source>part {part} unpacks to a suspicious size (a zip bomb?)</source>
        <translation>Der Bestandteil {part} wird entpackt verdächtig groß (eine ZIP-Bombe?)</translation>
    </message>
    <message>
        <source>the workbook is too large when unpacked</source>
        <translation>Die Arbeitsmappe ist entpackt zu groß</translation>
    </message>
    <message>
        <source>part {part} declares XML entities (refused for safety)</source>
        <translation>Der Bestandteil {part} deklariert XML-Entitäten (aus Sicherheitsgründen abgelehnt)</translation>
    </message>
    <message>
        <source>a sheet has more than {limit} rows</source>
        <translation>Ein Blatt hat mehr als {limit} Zeilen</translation>
    </message>
    <message>
        <source>part {part} holds a text longer than a spreadsheet cell takes ({limit} characters)</source>
        <translation>Der Bestandteil {part} enthält einen Text, der länger ist, als eine Tabellenzelle fasst ({limit} Zeichen)</translation>
    </message>
    <message>
        <source>the workbook cannot be read: it is damaged or was not saved as an Excel workbook; open it in your spreadsheet program and save it again as .xlsx</source>
        <translation>Die Arbeitsmappe lässt sich nicht lesen: Sie ist beschädigt oder wurde nicht als Excel-Arbeitsmappe gespeichert; öffnen Sie sie in Ihrem Tabellenprogramm und speichern Sie sie erneut als .xlsx</translation>
    </message>
    <message>
        <source>the spreadsheet cannot be read: it is damaged, or holds more cells than a spreadsheet program writes; open it in your spreadsheet program and save it again</source>
        <translation>Die Tabelle lässt sich nicht lesen: Sie ist beschädigt oder enthält mehr Zellen, als ein Tabellenprogramm schreibt; öffnen Sie sie in Ihrem Tabellenprogramm und speichern Sie sie erneut</translation>
    </message>
    <message>
        <source>a workbook comes back as .xlsx or .ods; open it in your spreadsheet program and save it as one of them</source>
        <translation>Eine Arbeitsmappe kommt als .xlsx oder .ods zurück; öffnen Sie sie in Ihrem Tabellenprogramm und speichern Sie sie in einem dieser Formate</translation>
    </message>
    <message>
        <source>none of its sheets is one this app exports ({sheets}); a list of your own is taken in with File &gt; Import &gt; From another spreadsheet or CSV</source>
        <translation>Keines ihrer Blätter ist eines, das die App exportiert ({sheets}); eine eigene Liste übernehmen Sie mit Datei &gt; Importieren &gt; Aus einer anderen Tabelle oder CSV</translation>
    </message>
    <message>
        <source>sheet “{sheet}” has more than {limit} rows</source>
        <translation>Das Blatt „{sheet}“ hat mehr als {limit} Zeilen</translation>
    </message>
    <message>
        <source>line {line} cannot be read as CSV (a quotation mark is not closed, or the line holds a character no text has); open the file in your spreadsheet program and save it again as CSV</source>
        <translation>Zeile {line} lässt sich nicht als CSV lesen (ein Anführungszeichen ist nicht geschlossen, oder die Zeile enthält ein Zeichen, das in keinem Text vorkommt); öffnen Sie die Datei in Ihrem Tabellenprogramm und speichern Sie sie erneut als CSV</translation>
    </message>
    <message>
        <source>it has no sheets</source>
        <translation>Die Datei hat keine Blätter</translation>
    </message>
    <message>
        <source>it has no sheet “{sheet}”; its sheets are {sheets}</source>
        <translation>Die Datei hat kein Blatt „{sheet}“; ihre Blätter sind {sheets}</translation>
    </message>
    <message>
        <source>it cannot be read as a spreadsheet; open it in your spreadsheet program and save it again as .xlsx, .ods or .csv</source>
        <translation>Die Datei lässt sich nicht als Tabelle lesen; öffnen Sie sie in Ihrem Tabellenprogramm und speichern Sie sie erneut als .xlsx, .ods oder .csv</translation>
    </message>
    <message>
        <source>its sheet “{sheet}” cannot be read</source>
        <translation>Ihr Blatt „{sheet}“ lässt sich nicht lesen</translation>
    </message>
    <message>
        <source>choose a .csv, .xlsx or .ods file</source>
        <translation>Wählen Sie eine .csv-, .xlsx- oder .ods-Datei</translation>
    </message>
    <message>
        <source>it has more than {limit} rows</source>
        <translation>Die Datei hat mehr als {limit} Zeilen</translation>
    </message>
    <message>
        <source>it has no rows</source>
        <translation>Die Datei hat keine Zeilen</translation>
    </message>
    <message>
        <source>reading it stopped: it needs far more memory than a spreadsheet of its size should, or the reader failed on it; open it in your spreadsheet program, save it again and try again</source>
        <translation>Das Lesen wurde abgebrochen: Die Datei braucht weit mehr Speicher, als eine Tabelle ihrer Größe sollte, oder das Leseprogramm ist an ihr gescheitert; öffnen Sie sie in Ihrem Tabellenprogramm, speichern Sie sie erneut und versuchen Sie es noch einmal</translation>
    </message>
    <message>
        <source>sheet “{sheet}” is not one this app knows; it was not read</source>
        <translation>Blatt „{sheet}“ ist keines, das die App kennt; es wurde nicht gelesen</translation>
    </message>
    <message>
        <source>sheet “{sheet}” is missing from the file; its records were left as they are</source>
        <translation>Blatt „{sheet}“ fehlt in der Datei; seine Einträge blieben, wie sie sind</translation>
    </message>
    <message>
        <source>sheet “{sheet}”, column {position} “{header}” is not a column this app knows; it was not read</source>
        <translation>Blatt „{sheet}“, Spalte {position} „{header}“ ist keine Spalte, die die App kennt; sie wurde nicht gelesen</translation>
    </message>
    <message>
        <source>sheet “{sheet}”: column “{header}” appears twice; the first one was read</source>
        <translation>Blatt „{sheet}“: Die Spalte „{header}“ kommt zweimal vor; die erste wurde gelesen</translation>
    </message>
    <message numerus="yes">
        <source>sheet “{sheet}”: %n row(s) deleted in the file; entries of this kind are deleted in the app, not by import</source>
        <translation>
            <numerusform>Blatt „{sheet}“: %n Zeile wurde in der Datei gelöscht; Einträge dieser Art werden in der App gelöscht, nicht durch den Import</numerusform>
            <numerusform>Blatt „{sheet}“: %n Zeilen wurden in der Datei gelöscht; Einträge dieser Art werden in der App gelöscht, nicht durch den Import</numerusform>
        </translation>
    </message>
    <message>
        <source>DD.MM.YYYY</source>
        <translation>TT.MM.JJJJ</translation>
    </message>
    <message>
        <source>MM/DD/YYYY</source>
        <translation>MM/TT/JJJJ</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>JJJJ-MM-TT</translation>
    </message>
    <message>
        <source>Record progress…</source>
        <translation>Fortschritt erfassen…</translation>
    </message>
    <message>
        <source>Add step…</source>
        <translation>Schritt hinzufügen…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Drucken…</translation>
    </message>
    <message>
        <source>Supersede…</source>
        <translation>Ersetzen…</translation>
    </message>
    <message>
        <source>Attach signed scan…</source>
        <translation>Unterschriebenen Scan anhängen…</translation>
    </message>
    <message>
        <source>Insert clause…</source>
        <translation>Klausel einfügen…</translation>
    </message>
    <message>
        <source>Amend or renew…</source>
        <translation>Ändern oder verlängern…</translation>
    </message>
    <message>
        <source>Erase person…</source>
        <translation>Person löschen…</translation>
    </message>
    <message>
        <source>Personal data…</source>
        <translation>Personenbezogene Daten…</translation>
    </message>
    <message>
        <source> (changed by both)</source>
        <translation> (von beiden geändert)</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Von jemand anderem geändert</translation>
    </message>
    <message>
        <source>Someone else saved this {entity} after you opened it. Choose, field by field, what to keep; nothing is lost without your choice.</source>
        <translation>Jemand anderes hat diesen Datensatz ({entity}) gespeichert, nachdem Sie ihn geöffnet haben. Wählen Sie Feld für Feld, was bleiben soll; ohne Ihre Wahl geht nichts verloren.</translation>
    </message>
    <message>
        <source>The record</source>
        <translation>Der Datensatz</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>behalten</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>Changed on two laptops</source>
        <translation>Auf zwei Laptops geändert</translation>
    </message>
    <message>
        <source>{record} was changed here and on another member&apos;s laptop before either had seen the other&apos;s change. Choose, field by field, what everyone keeps.</source>
        <translation>{record} wurde hier und auf dem Laptop eines anderen Mitglieds geändert, bevor eines die Änderung des anderen gesehen hatte. Wählen Sie Feld für Feld, was alle behalten.</translation>
    </message>
    <message>
        <source>Mine (shown here)</source>
        <translation>Meins (hier angezeigt)</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>Deren</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Alliance Workbook</source>
        <translation>Über Alliance Workbook</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Alliance Workbook {version}&lt;/h3&gt;&lt;p&gt;Partners, partnerships, shared goals, decisions, conflicts and meetings of an association, kept offline.&lt;/p&gt;&lt;p&gt;Licence: GNU General Public License, version 3 or later.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Database:&lt;/td&gt;&lt;td&gt;{database}&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Data folder:&lt;/td&gt;&lt;td&gt;{data}&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Settings:&lt;/td&gt;&lt;td&gt;{settings}&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Log file:&lt;/td&gt;&lt;td&gt;{log}&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;h3&gt;Alliance Workbook {version}&lt;/h3&gt;&lt;p&gt;Partner, Partnerschaften, gemeinsame Ziele, Beschlüsse, Konflikte und Treffen eines Vereins, offline geführt.&lt;/p&gt;&lt;p&gt;Lizenz: GNU General Public License, Version 3 oder später.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Datenbank:&lt;/td&gt;&lt;td&gt;{database}&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Datenordner:&lt;/td&gt;&lt;td&gt;{data}&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Einstellungen:&lt;/td&gt;&lt;td&gt;{settings}&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Protokolldatei:&lt;/td&gt;&lt;td&gt;{log}&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation> (schreibgeschützt)</translation>
    </message>
</context>
<context>
    <name>AdoptWizard</name>
    <message>
        <source>Adopt a spreadsheet</source>
        <translation>Tabelle übernehmen</translation>
    </message>
    <message>
        <source>Adopt</source>
        <translation>Übernehmen</translation>
    </message>
</context>
<context>
    <name>Agreements</name>
    <message>
        <source>&amp;Clause library…</source>
        <translation>&amp;Klauselbibliothek…</translation>
    </message>
</context>
<context>
    <name>AmendmentForm</name>
    <message>
        <source>Amend or renew the agreement</source>
        <translation>Vereinbarung ändern oder verlängern</translation>
    </message>
    <message>
        <source>Amendment</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Renewal (a new end date)</source>
        <translation>Verlängerung (neues Enddatum)</translation>
    </message>
    <message>
        <source>Why the agreement changes (required)</source>
        <translation>Warum sich die Vereinbarung ändert (erforderlich)</translation>
    </message>
    <message>
        <source>Kind of change</source>
        <translation>Art der Änderung</translation>
    </message>
    <message>
        <source>Reason *</source>
        <translation>Grund *</translation>
    </message>
    <message>
        <source>Change the agreement below. Saving makes a new version that records what changed and why; the earlier version stays readable and printable.</source>
        <translation>Ändern Sie die Vereinbarung unten. Beim Speichern entsteht eine neue Fassung, die festhält, was sich geändert hat und warum; die frühere Fassung bleibt lesbar und druckbar.</translation>
    </message>
</context>
<context>
    <name>AttentionPanel</name>
    <message>
        <source>Agreement ends</source>
        <extracomment>Rows shown at once; a lifetime&apos;s backlog is counted in the title, listed by `workbook due`. the list is there (it is worked out off the UI thread)</extracomment>
        <translation>Vereinbarung endet</translation>
    </message>
    <message>
        <source>Evaluation due</source>
        <translation>Auswertung fällig</translation>
    </message>
    <message>
        <source>Decision to review</source>
        <translation>Beschluss überprüfen</translation>
    </message>
    <message>
        <source>Goal due, not reached</source>
        <translation>Ziel fällig, nicht erreicht</translation>
    </message>
    <message>
        <source>No progress recorded</source>
        <translation>Kein Fortschritt erfasst</translation>
    </message>
    <message>
        <source>Conflict without a step for 30 days</source>
        <translation>Konflikt seit 30 Tagen ohne Schritt</translation>
    </message>
    <message>
        <source>Consent without a purpose</source>
        <translation>Einwilligung ohne Zweck</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Snooze a week</source>
        <translation>Eine Woche zurückstellen</translation>
    </message>
    <message>
        <source>What needs attention ({n})</source>
        <translation>Was ansteht ({n})</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Restore from backup</source>
        <translation>Aus Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Anlass</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>daily, on opening</source>
        <translation>täglich, beim Öffnen</translation>
    </message>
    <message>
        <source>backed up by hand</source>
        <translation>von Hand gesichert</translation>
    </message>
    <message>
        <source>before an import</source>
        <translation>vor einem Import</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>vor einer Wiederherstellung</translation>
    </message>
    <message>
        <source>for an archive</source>
        <translation>für ein Archiv</translation>
    </message>
    <message>
        <source>before an upgrade</source>
        <translation>vor einer Aktualisierung</translation>
    </message>
    <message>
        <source>Backups of {file} are kept in {folder}. Restoring replaces the database with the backup; the current state is backed up first.</source>
        <translation>Sicherungen von {file} liegen in {folder}. Beim Wiederherstellen wird die Datenbank durch die Sicherung ersetzt; der aktuelle Stand wird vorher gesichert.</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Wiederherstellen…</translation>
    </message>
    <message>
        <source>Keep the newest backup of each of the last</source>
        <translation>Die neueste Sicherung behalten von jedem der letzten</translation>
    </message>
    <message>
        <source>days,</source>
        <translation>Tage,</translation>
    </message>
    <message>
        <source>weeks,</source>
        <translation>Wochen,</translation>
    </message>
    <message>
        <source>months</source>
        <translation>Monate</translation>
    </message>
    <message>
        <source>Replace the open database with the backup taken {when}? Changes made since then are set aside in a backup of the current state.</source>
        <translation>Die geöffnete Datenbank durch die Sicherung vom {when} ersetzen? Änderungen seitdem werden in einer Sicherung des aktuellen Stands aufbewahrt.</translation>
    </message>
</context>
<context>
    <name>ChecklistInput</name>
    <message>
        <source>Filter…</source>
        <translation>Filtern…</translation>
    </message>
</context>
<context>
    <name>ClauseDialog</name>
    <message>
        <source>Clause library</source>
        <translation>Klauselbibliothek</translation>
    </message>
    <message>
        <source>Plain text. These are filled in when the clause is inserted: {partners}, {partnership}, {start}, {end}, {association}, {today}.</source>
        <translation>Reiner Text. Beim Einfügen werden ausgefüllt: {partners}, {partnership}, {start}, {end}, {association}, {today}.</translation>
    </message>
    <message>
        <source>New clause</source>
        <translation>Neue Klausel</translation>
    </message>
    <message>
        <source>Save clause</source>
        <translation>Klausel speichern</translation>
    </message>
    <message>
        <source>Insert into the agreement</source>
        <translation>In die Vereinbarung einfügen</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to server</source>
        <translation>Mit Server verbinden</translation>
    </message>
    <message>
        <source>Keep the password in the system&apos;s keyring</source>
        <translation>Passwort im Schlüsselbund des Systems aufbewahren</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Encryption (TLS)</source>
        <translation>Verschlüsselung (TLS)</translation>
    </message>
    <message>
        <source>Server, database and account are needed.</source>
        <translation>Server, Datenbank und Konto werden benötigt.</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Who brings what</source>
        <translation>Wer bringt was mit</translation>
    </message>
    <message>
        <source>Your alliance</source>
        <translation>Ihr Bündnis</translation>
    </message>
    <message>
        <source>Goals due in the next 90 days</source>
        <translation>Ziele, die in den nächsten 90 Tagen fällig sind</translation>
    </message>
    <message>
        <source>No goals due soon.</source>
        <translation>In nächster Zeit sind keine Ziele fällig.</translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation>Offene Konflikte</translation>
    </message>
    <message>
        <source>Latest decisions</source>
        <translation>Neueste Beschlüsse</translation>
    </message>
</context>
<context>
    <name>Databases</name>
    <message>
        <source>&amp;New database…</source>
        <translation>&amp;Neue Datenbank…</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>Datenbank ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(noch keine)</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>Neue Datenbank</translation>
    </message>
    <message>
        <source>Workbook databases (*.sqlite)</source>
        <translation>Workbook-Datenbanken (*.sqlite)</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>Datenbank öffnen</translation>
    </message>
</context>
<context>
    <name>Editing</name>
    <message>
        <source>&amp;New record…</source>
        <translation>&amp;Neuer Datensatz…</translation>
    </message>
    <message>
        <source>&amp;Edit record…</source>
        <translation>Datensatz &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete record…</source>
        <translation>Datensatz &amp;löschen…</translation>
    </message>
    <message>
        <source>&amp;Find everywhere…</source>
        <translation>&amp;Überall suchen…</translation>
    </message>
    <message>
        <source>Find in &amp;list</source>
        <translation>In der &amp;Liste suchen</translation>
    </message>
</context>
<context>
    <name>Exchange</name>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Workbook sent back by a &amp;partner…</source>
        <translation>Von einem &amp;Partner zurückgeschickte Arbeitsmappe…</translation>
    </message>
    <message>
        <source>From another &amp;spreadsheet or CSV…</source>
        <translation>Aus einer anderen &amp;Tabelle oder CSV…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Export &amp;calendar…</source>
        <translation>&amp;Kalender exportieren…</translation>
    </message>
    <message>
        <source>Imported: {added} added, {changed} changed, {overwritten} overwritten</source>
        <translation>Importiert: {added} neu, {changed} geändert, {overwritten} überschrieben</translation>
    </message>
    <message>
        <source>Adopted {n} records</source>
        <translation>{n} Datensätze übernommen</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>Exportiert nach {path}</translation>
    </message>
    <message>
        <source>Export calendar</source>
        <translation>Kalender exportieren</translation>
    </message>
    <message>
        <source>Calendars (*.ics)</source>
        <translation>Kalender (*.ics)</translation>
    </message>
    <message>
        <source>{n} dates written to {path}</source>
        <translation>{n} Termine nach {path} geschrieben</translation>
    </message>
    <message>
        <source>Writing the calendar…</source>
        <translation>Kalender wird geschrieben…</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Excel workbook (all lists, for partners to edit)</source>
        <translation>Excel-Arbeitsmappe (alle Listen, zum Bearbeiten durch Partner)</translation>
    </message>
    <message>
        <source>CSV file (one list)</source>
        <translation>CSV-Datei (eine Liste)</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Partner sheet: {name}</source>
        <translation>Partnerblatt: {name}</translation>
    </message>
    <message>
        <source>For Excel (UTF-8 with BOM, &apos;;&apos; separated)</source>
        <translation>Für Excel (UTF-8 mit BOM, mit &apos;;&apos; getrennt)</translation>
    </message>
    <message>
        <source>All its partners</source>
        <translation>Alle ihre Partner</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Für</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel-Arbeitsmappen (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Export läuft…</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Choose from a calendar</source>
        <translation>Im Kalender auswählen</translation>
    </message>
    <message>
        <source>Not a date; type it like {example}</source>
        <translation>Kein Datum; geben Sie es so ein: {example}</translation>
    </message>
    <message>
        <source>Filter…</source>
        <translation>Filtern…</translation>
    </message>
    <message>
        <source>comma-separated, e.g. Moderation, Podcasts</source>
        <translation>durch Kommas getrennt, z. B. Moderation, Podcasts</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to Alliance Workbook</source>
        <translation>Willkommen bei Alliance Workbook</translation>
    </message>
    <message>
        <source>Tell us about your association. You can change this later, in Edit &gt; Association profile.</source>
        <translation>Erzählen Sie uns von Ihrem Verein. Sie können das später ändern, unter Bearbeiten &gt; Vereinsprofil.</translation>
    </message>
    <message>
        <source>Load demo data to explore the app</source>
        <translation>Beispieldaten laden, um die App kennenzulernen</translation>
    </message>
    <message>
        <source>Association name *</source>
        <translation>Name des Vereins *</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Your name (for the change history)</source>
        <translation>Ihr Name (für den Änderungsverlauf)</translation>
    </message>
    <message>
        <source>Loading demo data…</source>
        <translation>Beispieldaten werden geladen…</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>User guide</source>
        <translation>Benutzerhandbuch</translation>
    </message>
    <message>
        <source>The user guide is not installed.</source>
        <translation>Das Benutzerhandbuch ist nicht installiert.</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Benutzerhandbuch</translation>
    </message>
    <message>
        <source>&amp;About Alliance Workbook</source>
        <translation>&amp;Über Alliance Workbook</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <source>deleted by the partner</source>
        <translation>vom Partner gelöscht</translation>
    </message>
    <message>
        <source>invalid</source>
        <translation>ungültig</translation>
    </message>
    <message>
        <source>The partner deleted this row. Tick it to delete the record here too.</source>
        <translation>Der Partner hat diese Zeile gelöscht. Haken setzen, um den Eintrag auch hier zu löschen.</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Einzelheiten</translation>
    </message>
    <message>
        <source>{sheet}, deleted row</source>
        <translation>{sheet}, gelöschte Zeile</translation>
    </message>
    <message>
        <source>{sheet}, row {n}</source>
        <translation>{sheet}, Zeile {n}</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import a spreadsheet</source>
        <translation>Tabelle importieren</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
</context>
<context>
    <name>ListFrame</name>
    <message>
        <source>Search {entities}…</source>
        <translation>{entities} durchsuchen…</translation>
    </message>
    <message>
        <source>New {entity}…</source>
        <extracomment>the search, then the filters a list adds</extracomment>
        <translation>Neu: {entity}…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>No {entities} match “{query}”.</source>
        <translation>Keine {entities} passen zu „{query}“.</translation>
    </message>
    <message>
        <source>{n} {entities}</source>
        <translation>{n} {entities}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Alliance Workbook — {location}</source>
        <translation>Alliance Workbook — {location}</translation>
    </message>
    <message>
        <source>Database: {location}</source>
        <translation>Datenbank: {location}</translation>
    </message>
    <message>
        <source> · {member} ({level})</source>
        <translation> · {member} ({level})</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation> (schreibgeschützt)</translation>
    </message>
    <message>
        <source> · read-only</source>
        <translation> · schreibgeschützt</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>closed to start again (a new language): ``ui.app.run`` starts the app once more</extracomment>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>Bitte warten</translation>
    </message>
    <message>
        <source>A task is still running. Cancel it or wait until it is done, then close.</source>
        <translation>Eine Aufgabe läuft noch. Brechen Sie sie ab oder warten Sie, bis sie fertig ist, und schließen Sie dann.</translation>
    </message>
</context>
<context>
    <name>MembersDialog</name>
    <message>
        <source>Members</source>
        <extracomment>the accounts were read and are shown</extracomment>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>reads</source>
        <translation>liest</translation>
    </message>
    <message>
        <source>reads and writes</source>
        <translation>liest und schreibt</translation>
    </message>
    <message>
        <source>also deletes and manages members</source>
        <translation>löscht auch und verwaltet Mitglieder</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>Mitglied hinzufügen</translation>
    </message>
    <message>
        <source>Give the selected member this level</source>
        <translation>Dem gewählten Mitglied diese Stufe geben</translation>
    </message>
    <message>
        <source>Remove the selected member…</source>
        <translation>Gewähltes Mitglied entfernen…</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Remove {name}? They can no longer connect.</source>
        <translation>{name} entfernen? Die Person kann sich dann nicht mehr verbinden.</translation>
    </message>
</context>
<context>
    <name>MineTheirs</name>
    <message>
        <source>Mine</source>
        <translation>Meins</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>Deren</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>mine</source>
        <translation>meins</translation>
    </message>
    <message>
        <source>theirs</source>
        <translation>deren</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Meins behalten</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>Deren übernehmen</translation>
    </message>
    <message>
        <source>Merge as chosen</source>
        <translation>Wie gewählt zusammenführen</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Preview — {name}</source>
        <translation>Vorschau — {name}</translation>
    </message>
    <message>
        <source>{n} pages</source>
        <translation>{n} Seiten</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Drucken…</translation>
    </message>
    <message>
        <source>Open in PDF viewer</source>
        <translation>Im PDF-Betrachter öffnen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>Association &amp;profile…</source>
        <translation>Vereins&amp;profil…</translation>
    </message>
    <message>
        <source>P&amp;references…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Restart Alliance Workbook now to use the new language?</source>
        <translation>Alliance Workbook jetzt neu starten, um die neue Sprache zu verwenden?</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>As the computer (system language)</source>
        <translation>Wie der Computer (Systemsprache)</translation>
    </message>
    <message>
        <source>As usual in the language (24.11.2026, 11/24/2026)</source>
        <translation>Wie in der Sprache üblich (24.11.2026, 11/24/2026)</translation>
    </message>
    <message>
        <source>International (2026-11-24)</source>
        <translation>International (2026-11-24)</translation>
    </message>
    <message>
        <source>Sync with the members&apos; shared folder when the workbook opens and closes</source>
        <translation>Beim Öffnen und Schließen mit dem gemeinsamen Ordner der Mitglieder abgleichen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Datumsangaben</translation>
    </message>
    <message>
        <source>Your name (for the change history)</source>
        <translation>Ihr Name (für den Änderungsverlauf)</translation>
    </message>
    <message>
        <source>A new language takes effect when the app is started again.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start der App.</translation>
    </message>
</context>
<context>
    <name>Privacy</name>
    <message>
        <source>&amp;Personal data review…</source>
        <translation>Personenbezogene Daten &amp;prüfen…</translation>
    </message>
</context>
<context>
    <name>PrivacyReviewDialog</name>
    <message>
        <source>Personal data review</source>
        <translation>Personenbezogene Daten prüfen</translation>
    </message>
    <message>
        <source> years</source>
        <translation> Jahre</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Anlass</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Export personal data…</source>
        <translation>Auskunft exportieren…</translation>
    </message>
    <message>
        <source>Erase…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>People whose consent is not recorded or has no purpose, and people with no activity (meetings attended, changes) for longer than:</source>
        <translation>Personen ohne erfasste Einwilligung oder ohne Zweck, und Personen ohne Aktivität (Teilnahme an Treffen, Änderungen) seit mehr als:</translation>
    </message>
    <message>
        <source>no consent recorded</source>
        <translation>keine Einwilligung erfasst</translation>
    </message>
    <message>
        <source>consent without a purpose</source>
        <translation>Einwilligung ohne Zweck</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inaktiv</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Association profile</source>
        <translation>Vereinsprofil</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Association name *</source>
        <translation>Name des Vereins *</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Logo (printed on agreements)</source>
        <translation>Logo (auf Vereinbarungen gedruckt)</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Bilder (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <extracomment>submitted and not yet delivered, reads included (``idle``)</extracomment>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>Edit {entity}</source>
        <extracomment>Fields shown to the right of another, in the same row: a text and its translation. Kinds of record whose form says, as the user types, that the record probably exists.</extracomment>
        <translation>{entity} bearbeiten</translation>
    </message>
    <message>
        <source>New {entity}</source>
        <translation>Neu: {entity}</translation>
    </message>
    <message>
        <source>As written</source>
        <translation>Wie geschrieben</translation>
    </message>
    <message>
        <source>Add from contacts…</source>
        <translation>Aus den Kontakten hinzufügen…</translation>
    </message>
    <message>
        <source>Already in the app with this e-mail address: {name}</source>
        <translation>Mit dieser E-Mail-Adresse schon erfasst: {name}</translation>
    </message>
    <message>
        <source>Already in the app under this name: {name}</source>
        <translation>Unter diesem Namen schon erfasst: {name}</translation>
    </message>
    <message>
        <source>Open the existing one</source>
        <translation>Den vorhandenen Eintrag öffnen</translation>
    </message>
    <message>
        <source>Not saved. </source>
        <translation>Nicht gespeichert. </translation>
    </message>
    <message>
        <source>{member} has just changed this {entity}. When you save, you will see their changes beside yours and choose.</source>
        <translation>{member} hat diesen Datensatz ({entity}) gerade geändert. Beim Speichern sehen Sie deren Änderungen neben Ihren und wählen aus.</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Jemand</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Save your changes to this {entity}?</source>
        <translation>Ihre Änderungen an diesem Datensatz ({entity}) speichern?</translation>
    </message>
</context>
<context>
    <name>RecordListView</name>
    <message>
        <source>Strength</source>
        <extracomment>the record to select once the list has read it (after a save, a refresh) The record whose story is shown (or on its way) as of every change reported so far: selected again (the list read again selects it anew, and the selection tells of it too), it is not read again.</extracomment>
        <translation>Stärke</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>All: {what}</source>
        <translation>Alle: {what}</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete “{name}”? It goes to the trash and can be restored for 30 days.</source>
        <translation>„{name}“ löschen? Der Datensatz kommt in den Papierkorb und kann 30 Tage lang wiederhergestellt werden.</translation>
    </message>
    <message>
        <source>Also deleted: {count} × {what}</source>
        <translation>Ebenfalls gelöscht: {count} × {what}</translation>
    </message>
    <message>
        <source>Kept but unlinked: {count} × {what}</source>
        <translation>Behalten, aber ohne Verknüpfung: {count} × {what}</translation>
    </message>
    <message>
        <source>Delete {entity}</source>
        <translation>{entity} löschen</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Print / export PDF</source>
        <extracomment>The report a list&apos;s selection asks for: printing from the partnerships prints the selected partnership&apos;s agreement, from the decisions the decisions log. The record each record&apos;s sheet prints, by the kind of record its list shows.</extracomment>
        <translation>Drucken / als PDF</translation>
    </message>
    <message>
        <source>Minutes of the meeting: {title}</source>
        <translation>Protokoll des Treffens: {title}</translation>
    </message>
    <message>
        <source>Decision: {title}</source>
        <translation>Beschluss: {title}</translation>
    </message>
    <message>
        <source>Conflict with its timeline: {title}</source>
        <translation>Konflikt mit Verlauf: {title}</translation>
    </message>
    <message>
        <source>Partner sheet: {title}</source>
        <translation>Partnerblatt: {title}</translation>
    </message>
    <message>
        <source>Partnership agreement</source>
        <translation>Partnerschaftsvereinbarung</translation>
    </message>
    <message>
        <source>Decisions log</source>
        <translation>Beschlussliste</translation>
    </message>
    <message>
        <source>Conflicts log</source>
        <translation>Konfliktprotokoll</translation>
    </message>
    <message>
        <source>Goals and impact</source>
        <translation>Ziele und Wirkung</translation>
    </message>
    <message>
        <source>Partner directory</source>
        <translation>Partnerverzeichnis</translation>
    </message>
    <message>
        <source>All partnerships</source>
        <translation>Alle Partnerschaften</translation>
    </message>
    <message>
        <source>US Letter paper (instead of A4)</source>
        <translation>US-Letter-Papier (statt A4)</translation>
    </message>
    <message>
        <source>In German and English</source>
        <translation>Auf Deutsch und Englisch</translation>
    </message>
    <message>
        <source>Side by side, each section beside its translation (else one after the other)</source>
        <translation>Nebeneinander, jeder Abschnitt neben seiner Übersetzung (sonst nacheinander)</translation>
    </message>
    <message>
        <source>Show a preview when it is ready</source>
        <translation>Vorschau zeigen, wenn er fertig ist</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <source>Partnership</source>
        <translation>Partnerschaft</translation>
    </message>
    <message>
        <source>Decisions from</source>
        <translation>Beschlüsse vom</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>Bericht wird geschrieben…</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>&amp;Print / export PDF…</source>
        <translation>&amp;Drucken / als PDF…</translation>
    </message>
    <message>
        <source>Report written: {path} ({pages} pages)</source>
        <translation>Bericht geschrieben: {path} ({pages} Seiten)</translation>
    </message>
</context>
<context>
    <name>RowsInput</name>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
</context>
<context>
    <name>Safety</name>
    <message>
        <source>&amp;Back up now</source>
        <translation>Jetzt &amp;sichern</translation>
    </message>
    <message>
        <source>Restore from &amp;backup…</source>
        <translation>Aus Sicherung &amp;wiederherstellen…</translation>
    </message>
    <message>
        <source>Save &amp;archive…</source>
        <translation>&amp;Archiv speichern…</translation>
    </message>
    <message>
        <source>Open a&amp;rchive…</source>
        <translation>Archiv öffne&amp;n…</translation>
    </message>
    <message>
        <source>&amp;Trash…</source>
        <translation>&amp;Papierkorb…</translation>
    </message>
    <message>
        <source>Backed up to {path}</source>
        <translation>Gesichert nach {path}</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Sicherung läuft…</translation>
    </message>
    <message>
        <source>Restored {name}.</source>
        <translation>{name} wiederhergestellt.</translation>
    </message>
    <message>
        <source>{n} erasure(s) of personal data made since were applied again.</source>
        <translation>{n} seitdem vorgenommene Löschung(en) personenbezogener Daten wurden erneut angewendet.</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Wiederherstellung läuft…</translation>
    </message>
    <message>
        <source>Save archive</source>
        <translation>Archiv speichern</translation>
    </message>
    <message>
        <source>Archives (*.zip)</source>
        <translation>Archive (*.zip)</translation>
    </message>
    <message>
        <source>Archive written: {path}</source>
        <translation>Archiv geschrieben: {path}</translation>
    </message>
    <message>
        <source>Writing the archive…</source>
        <translation>Archiv wird geschrieben…</translation>
    </message>
    <message>
        <source>Open archive</source>
        <translation>Archiv öffnen</translation>
    </message>
    <message>
        <source>New database from the archive</source>
        <translation>Neue Datenbank aus dem Archiv</translation>
    </message>
    <message>
        <source>Workbook databases (*.sqlite)</source>
        <translation>Workbook-Datenbanken (*.sqlite)</translation>
    </message>
    <message>
        <source>Opening the archive…</source>
        <translation>Archiv wird geöffnet…</translation>
    </message>
</context>
<context>
    <name>SearchPopup</name>
    <message>
        <source>Search everything</source>
        <translation>Alles durchsuchen</translation>
    </message>
    <message>
        <source>Type to search partners, decisions, conflicts, meetings…</source>
        <translation>Tippen, um Partner, Beschlüsse, Konflikte, Treffen zu suchen…</translation>
    </message>
</context>
<context>
    <name>Sections</name>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Partnerships</source>
        <translation>Partnerschaften</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation>Beschlüsse</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Treffen</translation>
    </message>
</context>
<context>
    <name>Server</name>
    <message>
        <source>&amp;Connect to server…</source>
        <translation>Mit &amp;Server verbinden…</translation>
    </message>
    <message>
        <source>Copy to a server or &amp;file…</source>
        <translation>Auf einen Server oder in eine &amp;Datei kopieren…</translation>
    </message>
    <message>
        <source>&amp;Members…</source>
        <translation>&amp;Mitglieder…</translation>
    </message>
    <message>
        <source>Copy to a server or file</source>
        <translation>Auf einen Server oder in eine Datei kopieren</translation>
    </message>
    <message>
        <source>A new .sqlite file, or an empty server database (postgresql+psycopg://owner@host/database):</source>
        <translation>Eine neue .sqlite-Datei oder eine leere Server-Datenbank (postgresql+psycopg://eigentuemer@host/datenbank):</translation>
    </message>
    <message>
        <source>Copied and checked {n} tables to {target}</source>
        <translation>{n} Tabellen nach {target} kopiert und geprüft</translation>
    </message>
    <message>
        <source>Copying…</source>
        <translation>Kopieren läuft…</translation>
    </message>
    <message>
        <source>The server cannot be reached; retrying. What is shown may be out of date.</source>
        <translation>Der Server ist nicht erreichbar; neuer Versuch läuft. Die Anzeige ist vielleicht nicht aktuell.</translation>
    </message>
    <message>
        <source> · not up to date</source>
        <translation> · nicht aktuell</translation>
    </message>
    <message>
        <source>Connected to the server again.</source>
        <translation>Wieder mit dem Server verbunden.</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>S&amp;ync with members…</source>
        <translation>Mit Mitgliedern a&amp;bgleichen…</translation>
    </message>
    <message>
        <source>Synced with the members: {sent} change(s) sent, {got} received.</source>
        <translation>Mit den Mitgliedern abgeglichen: {sent} Änderung(en) gesendet, {got} empfangen.</translation>
    </message>
    <message>
        <source>{n} conflict(s) to decide: File &gt; Sync with members.</source>
        <translation>{n} Konflikt(e) zu entscheiden: Datei &gt; Mit Mitgliedern abgleichen.</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <source>Sync through a shared folder</source>
        <translation>Abgleich über einen gemeinsamen Ordner</translation>
    </message>
    <message>
        <source>Start a shared folder from this database…</source>
        <translation>Gemeinsamen Ordner mit dieser Datenbank anlegen…</translation>
    </message>
    <message>
        <source>Join an association&apos;s shared folder…</source>
        <translation>Dem gemeinsamen Ordner eines Vereins beitreten…</translation>
    </message>
    <message>
        <source>Your name for the others:</source>
        <translation>Ihr Name für die anderen:</translation>
    </message>
    <message>
        <source>Admit</source>
        <translation>Zulassen</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Shown now</source>
        <translation>Jetzt angezeigt</translation>
    </message>
    <message>
        <source>Other laptop&apos;s value</source>
        <translation>Wert vom anderen Rechner</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt abgleichen</translation>
    </message>
    <message>
        <source>Decide</source>
        <translation>Entscheiden</translation>
    </message>
    <message>
        <source>Mine and theirs…</source>
        <translation>Meins und deren…</translation>
    </message>
    <message>
        <source>Conflicts to decide</source>
        <translation>Zu entscheidende Konflikte</translation>
    </message>
    <message>
        <source>Members who each keep their own database can stay in step through a folder they share (Nextcloud, Dropbox, a USB stick). One member starts the folder from their database; the others join it with a new database and are admitted by a member.</source>
        <translation>Mitglieder, die jeweils ihre eigene Datenbank führen, bleiben über einen gemeinsamen Ordner auf dem gleichen Stand (Nextcloud, Dropbox, ein USB-Stick). Ein Mitglied legt den Ordner mit seiner Datenbank an; die anderen treten mit einer neuen Datenbank bei und werden von einem Mitglied zugelassen.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>noch nie</translation>
    </message>
    <message>
        <source>Shared folder: {folder}. Last sync here: {when}.</source>
        <translation>Gemeinsamer Ordner: {folder}. Letzter Abgleich auf diesem Rechner: {when}.</translation>
    </message>
    <message>
        <source>{member} ({laptop}): {n} change(s) received, the last written {when}</source>
        <translation>{member} ({laptop}): {n} Änderung(en) empfangen, die letzte geschrieben am {when}</translation>
    </message>
    <message>
        <source>deleted on another laptop</source>
        <translation>auf einem anderen Rechner gelöscht</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>behalten</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>keep the record</source>
        <translation>Eintrag behalten</translation>
    </message>
    <message>
        <source>delete it</source>
        <translation>löschen</translation>
    </message>
    <message>
        <source>the value shown</source>
        <translation>den angezeigten Wert</translation>
    </message>
    <message>
        <source>{member}&apos;s</source>
        <translation>den von {member}</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Abgleich läuft…</translation>
    </message>
    <message>
        <source>Shared folder to start</source>
        <translation>Anzulegender gemeinsamer Ordner</translation>
    </message>
    <message>
        <source>Shared folder to join</source>
        <translation>Gemeinsamer Ordner zum Beitreten</translation>
    </message>
    <message>
        <source>Sent {n} change(s).</source>
        <translation>{n} Änderung(en) gesendet.</translation>
    </message>
    <message>
        <source>Received {n} change(s) from {member} ({laptop}).</source>
        <translation>{n} Änderung(en) von {member} ({laptop}) empfangen.</translation>
    </message>
    <message>
        <source>Nothing new.</source>
        <translation>Nichts Neues.</translation>
    </message>
    <message>
        <source>This laptop started from the folder&apos;s snapshot of the older changes.</source>
        <translation>Dieser Laptop hat mit dem Abbild der älteren Änderungen aus dem Ordner begonnen.</translation>
    </message>
    <message>
        <source>{n} of your records matched the association&apos;s by their names; where they differ, decide below.</source>
        <translation>{n} Ihrer Datensätze wurden anhand ihrer Namen denen des Vereins zugeordnet; wo sie sich unterscheiden, entscheiden Sie unten.</translation>
    </message>
    <message>
        <source>Tidied the folder: {n} old change file(s) every member has are one snapshot now ({size} MB freed).</source>
        <translation>Ordner aufgeräumt: {n} alte Änderungsdatei(en), die alle Mitglieder haben, sind jetzt ein Abbild ({size} MB frei geworden).</translation>
    </message>
    <message>
        <source>{n} file(s) are still being copied into the folder: next time.</source>
        <translation>{n} Datei(en) werden noch in den Ordner kopiert: beim nächsten Mal.</translation>
    </message>
    <message>
        <source>{n} file(s) wait for earlier files of their members.</source>
        <translation>{n} Datei(en) warten auf frühere Dateien ihrer Mitglieder.</translation>
    </message>
    <message>
        <source>{member} has not synced for {days} days.</source>
        <translation>{member} hat seit {days} Tagen nicht abgeglichen.</translation>
    </message>
    <message>
        <source>{member} ({laptop}) asks to join.</source>
        <translation>{member} ({laptop}) bittet um Beitritt.</translation>
    </message>
    <message>
        <source>Admit {member}</source>
        <translation>{member} zulassen</translation>
    </message>
    <message>
        <source>{member} is admitted; they are in step after your next sync.</source>
        <translation>{member} ist zugelassen und nach Ihrem nächsten Abgleich auf dem gleichen Stand.</translation>
    </message>
    <message>
        <source>Decided; the decision goes out with the next sync.</source>
        <translation>Entschieden; die Entscheidung geht beim nächsten Abgleich hinaus.</translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <source>Trash</source>
        <translation>Papierkorb</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von wem</translation>
    </message>
    <message>
        <source>Kept until</source>
        <translation>Aufbewahrt bis</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Delete for good…</source>
        <translation>Endgültig löschen…</translation>
    </message>
    <message>
        <source>Empty trash…</source>
        <translation>Papierkorb leeren…</translation>
    </message>
    <message>
        <source>Deleted records can be restored for 30 days, then they are purged.</source>
        <translation>Gelöschte Datensätze können 30 Tage lang wiederhergestellt werden, danach werden sie endgültig entfernt.</translation>
    </message>
    <message>
        <source>Delete everything in the trash for good?</source>
        <translation>Alles im Papierkorb endgültig löschen?</translation>
    </message>
    <message>
        <source>Delete “{what}” for good?</source>
        <translation>„{what}“ endgültig löschen?</translation>
    </message>
</context>
<context>
    <name>_FilePage</name>
    <message>
        <source>Which file?</source>
        <translation>Welche Datei?</translation>
    </message>
    <message>
        <source>A workbook exported by Alliance Workbook and edited by a partner, or a spreadsheet with the same column headers.</source>
        <translation>Eine von Alliance Workbook exportierte und von einem Partner bearbeitete Arbeitsmappe oder eine Tabelle mit denselben Spaltenüberschriften.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Workbooks sent back (*.xlsx *.ods)</source>
        <translation>Zurückgeschickte Arbeitsmappen (*.xlsx *.ods)</translation>
    </message>
    <message>
        <source>Which spreadsheet, and what is in it?</source>
        <translation>Welche Tabelle, und was steht darin?</translation>
    </message>
    <message>
        <source>Any .xlsx, .ods or .csv file (also German CSV with &apos;;&apos;). The first row holds the column headers.</source>
        <translation>Eine beliebige .xlsx-, .ods- oder .csv-Datei (auch deutsche CSV mit &apos;;&apos;). Die erste Zeile enthält die Spaltenüberschriften.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>(propose from the headers)</source>
        <translation>(aus den Überschriften vorschlagen)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Its rows are</source>
        <translation>Ihre Zeilen sind</translation>
    </message>
    <message>
        <source>Saved mapping</source>
        <translation>Gespeicherte Zuordnung</translation>
    </message>
    <message>
        <source>Adopt a spreadsheet</source>
        <translation>Tabelle übernehmen</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.ods *.csv)</source>
        <translation>Tabellen (*.xlsx *.ods *.csv)</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>{file} wird gelesen…</translation>
    </message>
</context>
<context>
    <name>_MappingPage</name>
    <message>
        <source>What does each column hold?</source>
        <translation>Was enthält jede Spalte?</translation>
    </message>
    <message>
        <source>The app proposes a field for each column from its header; change what is wrong. Two columns may fill one field (first and last name).</source>
        <translation>Die App schlägt für jede Spalte anhand ihrer Überschrift ein Feld vor; ändern Sie, was nicht passt. Zwei Spalten dürfen ein Feld füllen (Vor- und Nachname).</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>Beispiel</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Name for this mapping</source>
        <translation>Name für diese Zuordnung</translation>
    </message>
    <message>
        <source>Save as preset</source>
        <translation>Als Vorlage speichern</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>(nicht übernehmen)</translation>
    </message>
    <message>
        <source>(kept in the notes)</source>
        <translation>(in den Notizen behalten)</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Alle Zeilen werden geprüft…</translation>
    </message>
</context>
<context>
    <name>_PreviewPage</name>
    <message>
        <source>What would change</source>
        <translation>Was sich ändern würde</translation>
    </message>
    <message>
        <source>Tick the rows to apply. New and changed rows are ticked; rows changed on both sides (conflicts) are not. Everything is applied at once, or nothing.</source>
        <translation>Haken Sie die Zeilen an, die übernommen werden sollen. Neue und geänderte Zeilen sind angehakt, auf beiden Seiten geänderte (Konflikte) nicht. Alles wird auf einmal übernommen oder gar nichts.</translation>
    </message>
    <message>
        <source>{sheet}: {counts}</source>
        <translation>{sheet}: {counts}</translation>
    </message>
    <message>
        <source>{n} rows read from {file}.</source>
        <translation>{n} Zeilen aus {file} gelesen.</translation>
    </message>
    <message>
        <source>Backing up first…</source>
        <translation>Zuerst wird gesichert…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Import läuft…</translation>
    </message>
</context>
<context>
    <name>_RowsPage</name>
    <message>
        <source>Which rows to adopt</source>
        <translation>Welche Zeilen übernommen werden</translation>
    </message>
    <message>
        <source>New rows are ticked. Rows like a record already there (duplicates) are not; tick them to adopt them anyway. All ticked rows are adopted at once, or none.</source>
        <translation>Neue Zeilen sind angehakt. Zeilen, die einem vorhandenen Datensatz gleichen (Dubletten), nicht; haken Sie sie an, um sie trotzdem zu übernehmen. Alle angehakten Zeilen werden auf einmal übernommen oder keine.</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>Dublette</translation>
    </message>
    <message>
        <source>invalid</source>
        <translation>ungültig</translation>
    </message>
    <message>
        <source>like {record}</source>
        <translation>wie {record}</translation>
    </message>
    <message>
        <source>{new} new, {duplicate} duplicates, {invalid} invalid</source>
        <translation>{new} neu, {duplicate} Dubletten, {invalid} ungültig</translation>
    </message>
    <message>
        <source>Adopting…</source>
        <translation>Übernahme läuft…</translation>
    </message>
</context>
</TS>
