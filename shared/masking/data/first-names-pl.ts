/**
 * Common first names in Poland, in their dictionary form (the nominative).
 *
 * Source: "Lista imion występujących w rejestrze PESEL", the public list of
 * first names in the PESEL register published by the Ministry of Digital
 * Affairs (Ministerstwo Cyfryzacji) on dane.gov.pl. What follows is a
 * selection of the most frequent first names from that list, written out here
 * by hand (the list itself is not fetched or shipped): the names most people
 * living in Poland bear, men's and women's, plus names common among the
 * foreigners a labour office registers (Ukrainian and Belarusian, as Polish
 * spelling writes them), and the everyday short forms a clerk types ("Kasia",
 * "Tomek"), which the register does not hold.
 *
 * The inflected forms ("Jana", "Annie", "Pawłem") are made by rule, not
 * listed: see name-forms.ts. Masking (masking-names.ts) reads this list; a
 * name missing here is still masked after "Pan"/"Pani" or with a surname the
 * rules recognise, so the list only needs the names people really have.
 */

const words = (list: string): readonly string[] => list.trim().split(/\s+/);

/** Men's first names (declined as masculine nouns: "Jan", "Jana", "Janowi"…). */
export const MALE_FIRST_NAMES = words(`
  Adam Adrian Albert Albin Aleksander Aleks Alan Alfred Alojzy Ambroży Anatol Andrzej Antoni Apolinary Arkadiusz
  Arnold Artur August Augustyn Bartłomiej Bartosz Bazyli Benedykt Bernard Błażej Bogdan Bogumił Bogusław Bolesław
  Borys Bronisław Brunon Cezary Cyprian Czesław Damian Daniel Dariusz Dawid Denis Dionizy Dobromir Dominik Dorian
  Edmund Edward Eligiusz Emanuel Emil Ernest Eryk Eugeniusz Fabian Feliks Filip Florian Franciszek Fryderyk Gabriel
  Gerard Gracjan Grzegorz Gustaw Henryk Herbert Hieronim Hilary Hubert Ignacy Igor Ireneusz Jacek Jakub Jan Janusz
  Jarosław Jędrzej Jeremi Jeremiasz Jerzy Joachim Jonasz Józef Julian Juliusz Kacper Kajetan Kamil Karol Kazimierz
  Klaudiusz Konrad Konstanty Kornel Krystian Krzysztof Ksawery Lech Leon Leonard Leopold Lesław Leszek Longin
  Lucjan Ludwik Łucjan Łukasz Maciej Maksym Maksymilian Marceli Marcel Marcin Marek Marian Mariusz Mateusz Maurycy
  Michał Mieczysław Mikołaj Miłosz Miron Mirosław Natan Nataniel Nikodem Norbert Oktawian Olaf Olgierd Oliwer
  Oliwier Oskar Patryk Paweł Piotr Przemysław Radosław Rafał Rajmund Remigiusz Robert Roch Roman Rudolf Ryszard
  Sebastian Seweryn Sławomir Stanisław Stefan Sylwester Sylwiusz Szczepan Szymon Tadeusz Teodor Teofil Tobiasz
  Tomasz Tymon Tymoteusz Wacław Waldemar Walenty Walerian Wawrzyniec Wiesław Wiktor Wincenty Witold Władysław
  Włodzimierz Wojciech Zbigniew Zdzisław Zenon Zygmunt Ziemowit Bruno Dmytro Mieszko

  Andrij Anatolij Artem Bohdan Denys Iwan Jewhen Jurij Mychajło Mykoła Ołeh Oleg Ołeksandr Oleksandr Ołeksij
  Oleksij Petro Serhij Siergiej Taras Wasyl Witalij Wadym Wołodymyr Władimir Dmitrij Aleksiej Nikołaj
  Walerij Wiaczesław Ihor Illia Kostiantyn Pawło Stepan Maksim Aliaksandr Uładzimir Andrej

  Tomek Bartek Wojtek Kuba Franek Staszek Jurek Zbyszek Krzysiek Piotrek Maciek Janek Józek Romek Heniek Władek
  Mietek Rysiek Sławek Darek Marcinek Adaś Kazik Zdzisiek Tadek Antek Stasiek Szymek Mirek Czesiek
`);

/** Women's first names (those ending in "-a" declined as feminine nouns: "Anna", "Anny", "Annie"…). */
export const FEMALE_FIRST_NAMES = words(`
  Ada Adela Adrianna Agata Agnieszka Albina Aldona Aleksandra Alicja Alina Amanda Amelia Anastazja Aneta Angelika
  Aniela Anita Anna Antonina Apolonia Arleta Aurelia Barbara Beata Benedykta Bernadeta Bianka Blanka Bogna Bogumiła
  Bogusława Bożena Bronisława Cecylia Celina Czesława Dagmara Danuta Daria Diana Dobrosława Dominika Dorota Edyta
  Eleonora Eliza Elwira Elżbieta Emilia Ewa Ewelina Felicja Franciszka Gabriela Genowefa Gertruda Grażyna Halina
  Hanna Helena Henryka Hildegarda Honorata Ida Iga Ilona Inga Irena Iwona Izabela Izabella Jadwiga Janina Joanna
  Jolanta Józefa Józefina Judyta Julia Julianna Julita Justyna Kamila Karina Karolina Katarzyna Kazimiera Kinga
  Klara Klaudia Kornelia Krystyna Laura Leokadia Leonia Liliana Lilianna Lidia Lucyna Ludmiła Luiza Łucja Magdalena
  Maja Malwina Małgorzata Maria Marianna Mariola Marlena Marta Martyna Maryla Marzena Matylda Melania Michalina
  Mieczysława Milena Mirela Mirosława Monika Nadia Natalia Natasza Nela Nikola Nina Oliwia Olga Otylia Patrycja
  Paula Paulina Pelagia Pola Regina Renata Roksana Romana Rozalia Róża Ryszarda Sabina Sandra Sara Stanisława
  Stefania Sylwia Tamara Tatiana Tekla Teodora Teresa Urszula Wanda Weronika Wiesława Wiktoria Wioleta Wioletta
  Władysława Zdzisława Zenona Zofia Zuzanna Zyta Żaneta Emma Lena Hania Jagoda Kalina Liwia Fabiana
  Gabriella Leonarda Lucja Marcelina Mariana Sonia Tola Zenobia Bożenna Janeta Lilla

  Olena Ołena Tetiana Tetjana Oksana Iryna Switłana Swietłana Swiatłana Ludmyła Walentyna Halyna Anastasija Olha
  Kateryna Nadija Inna Larysa Ołeksandra Oleksandra Marija Julija Wiktorija Natalija Alona Jelena Jewhenija Uliana
  Ulana Ksenia Kseniia Nataliia Zoja Raisa Wira Maryna Wałentyna Tacciana Wolha

  Ania Asia Basia Kasia Zosia Gosia Ola Ela Ula Iza Magda Marysia Jola Bogusia Krysia Danusia Hela Halinka Renia
  Agatka Madzia Kinia Dorotka Justynka Beatka Edzia Stasia Tosia Hanka Jadzia Wiesia Grażynka Irenka Elka
`);
