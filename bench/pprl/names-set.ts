// A small multilingual set for the PPRL benchmark (written for it; the names feature's own
// benchmark data was not in main when this was written): 30 people, side A written in the
// original script (Arabic, Persian, Ge'ez) or one Latin spelling, side B in another Latin
// spelling as a different country's registry would write it. Same year of birth on both sides,
// month known on side A only.
export interface NamePair {
  a: string;
  b: string;
  sex: 'male' | 'female';
  /** YYYY-MM of birth (side B knows only the year). */
  born: string;
  nationality: string;
}

/** The pairs; the index is the identity. */
export const NAME_PAIRS: NamePair[] = [
  { a: 'محمد علي', b: 'Muhammad Aly', sex: 'male', born: '1994-03', nationality: 'SD' },
  { a: 'أحمد حسن', b: 'Ahmad Hasan', sex: 'male', born: '1990-07', nationality: 'EG' },
  { a: 'يوسف إبراهيم', b: 'Yusuf Ebrahim', sex: 'male', born: '2001-01', nationality: 'SY' },
  { a: 'فاطمة الزهراء', b: 'Fatma El Zahra', sex: 'female', born: '1998-11', nationality: 'MA' },
  {
    a: 'عبد الرحمن سالم',
    b: 'Abd al-Rahman Salim',
    sex: 'male',
    born: '1987-05',
    nationality: 'LY',
  },
  { a: 'خالد عمر', b: 'Khalid Umar', sex: 'male', born: '1995-09', nationality: 'SD' },
  { a: 'مريم يوسف', b: 'Maryam Yousef', sex: 'female', born: '2003-02', nationality: 'SY' },
  { a: 'عائشة محمود', b: 'Aicha Mahmud', sex: 'female', born: '1992-12', nationality: 'TN' },
  { a: 'حسين جعفر', b: 'Husayn Jafar', sex: 'male', born: '1985-04', nationality: 'IQ' },
  { a: 'سعيد بن علي', b: 'Saeed Bin Ali', sex: 'male', born: '1999-06', nationality: 'TN' },
  { a: 'ተስፋዬ ገብረመድህን', b: 'Tesfay Gebremedhin', sex: 'male', born: '1996-08', nationality: 'ER' },
  { a: 'ዮናስ ኃይሌ', b: 'Jonas Haile', sex: 'male', born: '2000-10', nationality: 'ER' },
  { a: 'ሚካኤል ተክለ', b: 'Michael Tekle', sex: 'male', born: '1993-01', nationality: 'ET' },
  { a: 'ፍሬወይኒ ገብረ', b: 'Frewoyni Ghebre', sex: 'female', born: '1997-03', nationality: 'ER' },
  { a: 'رضا احمدی', b: 'Resa Ahmady', sex: 'male', born: '1991-09', nationality: 'AF' },
  { a: 'زهرا حسینی', b: 'Zahra Husseini', sex: 'female', born: '2002-04', nationality: 'AF' },
  { a: 'Mamadou Diallo', b: 'Mamadu Jallow', sex: 'male', born: '1998-02', nationality: 'GN' },
  { a: 'Ousmane Traoré', b: 'Usman Traore', sex: 'male', born: '1994-11', nationality: 'ML' },
  { a: 'Abdoulaye Keita', b: 'Abdullahi Keyta', sex: 'male', born: '1989-07', nationality: 'ML' },
  { a: 'Aminata Camara', b: 'Aminatta Kamara', sex: 'female', born: '2000-05', nationality: 'GN' },
  { a: 'Ibrahima Sow', b: 'Ebrahima Sowe', sex: 'male', born: '1997-12', nationality: 'SN' },
  { a: 'Seydou Coulibaly', b: 'Seidu Kulibali', sex: 'male', born: '1993-06', nationality: 'CI' },
  { a: 'نور الدين حداد', b: 'Nur al-Din Hadad', sex: 'male', born: '1986-10', nationality: 'DZ' },
  { a: 'إسماعيل قاسم', b: 'Ismael Qasim', sex: 'male', born: '1995-03', nationality: 'SY' },
  { a: 'يحيى عثمان', b: 'Yehia Osman', sex: 'male', born: '1990-01', nationality: 'SD' },
  { a: 'سليمان داود', b: 'Sulayman Dawud', sex: 'male', born: '1988-08', nationality: 'SO' },
  { a: 'ሰለሞን ተወልደ', b: 'Selomon Tewelde', sex: 'male', born: '1999-04', nationality: 'ER' },
  { a: 'ብርሃነ ኪዳነ', b: 'Birhane Kidane', sex: 'male', born: '2001-09', nationality: 'ER' },
  { a: 'جمال عبد الله', b: 'Gamal Abdullah', sex: 'male', born: '1984-02', nationality: 'EG' },
  { a: 'ليلى منصور', b: 'Layla Mansur', sex: 'female', born: '1996-06', nationality: 'LB' },
];
